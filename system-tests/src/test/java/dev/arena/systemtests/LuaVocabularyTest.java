package dev.arena.systemtests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.model.events.LobbyEvent;
import dev.arena.model.events.NodeEvent;
import dev.arena.model.events.NodeLoad;
import dev.arena.model.events.RoomHandoff;
import dev.arena.model.keys.PlayerFields;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.keys.RoomFields;
import dev.arena.model.keys.SnapshotFields;
import dev.arena.model.state.PlayerStatus;
import dev.arena.model.state.RoomState;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Lua scripts build keys and read fields and statuses by name, as strings; shared-model is
 * where those names are defined. Every string in a script must be a name shared-model knows (a
 * key fragment of {@link RedisKeys}, a field of the {@code *Fields} classes or of an event, a
 * status or room state, an event type), a Redis command or argument, or one of the scripts' own
 * words listed here: a misspelt or renamed field, status or key fails.
 */
class LuaVocabularyTest {

    /**
     * The scripts' own words beyond shared-model's names: the outcomes they answer their Java callers
     * (ScriptReplies and the stores' outcome parsers), the lobby's leave modes, Lua's own type name
     * 'table', and LuaScript's load-only argument (service-common).
     */
    private static final Set<String> SCRIPT_WORDS = Set.of(
            "admin", "applied", "back", "busy", "conflict", "continued", "dissolved", "done", "due", "forgotten",
            "gone", "grace", "held", "in_match", "leaving", "left", "lost", "no_node", "not_due", "online",
            "reported", "reverted", "skip", "stale", "start", "started", "table", "taken", "too_few",
            "arena:load-only");
    private static final Pattern LITERAL = Pattern.compile("'([^']*)'|\"([^\"]*)\"");
    private static final Pattern COMMAND = Pattern.compile("[A-Z]+");
    private static final Pattern WORD = Pattern.compile("[a-z][a-z_]*");

    @Test
    void everyNameInTheScriptsIsSharedModels() throws IOException {
        Set<String> keys = keyShapes();
        Set<String> names = sharedNames();
        List<String> unknown = new ArrayList<>();
        List<Path> scripts = scripts();
        assertFalse(scripts.isEmpty(), "no Lua scripts found");
        for (Path script : scripts) {
            String code = withoutComments(Files.readString(script));
            Matcher literal = LITERAL.matcher(code);
            while (literal.find()) {
                String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
                boolean known = text.isEmpty() || COMMAND.matcher(text).matches() || isArgument(text) || SCRIPT_WORDS.contains(text)
                        || (text.contains(":") ? keys.stream().anyMatch(key -> key.contains(text))
                                : names.contains(text) || !WORD.matcher(text).matches());
                if (!known) {
                    unknown.add(StackScript.REPO.relativize(script) + ": '" + text + "'");
                }
            }
        }
        assertTrue(unknown.isEmpty(), "strings in Lua scripts that shared-model does not define (a key fragment of "
                + "RedisKeys, a field, status or event type) nor the test lists as a script word: " + unknown);
    }

    @Test
    void aMisspeltFieldIsCaught() {
        Set<String> names = sharedNames();
        assertTrue(names.contains(RoomFields.COUNTDOWN_DEADLINE) && names.contains(PlayerStatus.IN_GAME.wire()));
        assertFalse(names.contains("countdown_deadlin") || SCRIPT_WORDS.contains("countdown_deadlin"));
        assertFalse(keyShapes().stream().anyMatch(key -> key.contains(":player_s:")), "an unknown key fragment");
    }

    // Numbers, wildcards and the like: MAXLEN's '~', SCAN's '*', '1', '0'.
    private static boolean isArgument(String text) {
        return !text.isEmpty() && text.chars().noneMatch(Character::isLetter);
    }

    /**
     * Every key RedisKeys builds, for a shard and ids that name their role ("ID"): a script's key
     * fragment ('room:', ':players', 'game:node:') must be part of one of them.
     */
    private static Set<String> keyShapes() {
        RedisKeys keys = new RedisKeys(RedisKeys.DEFAULT_SHARD);
        Set<String> shapes = new TreeSet<>();
        for (Method method : RedisKeys.class.getMethods()) {
            if (method.getDeclaringClass() != RedisKeys.class || Modifier.isStatic(method.getModifiers())
                    || method.getReturnType() != String.class) {
                continue;
            }
            Object[] args = new Object[method.getParameterCount()];
            if (!Stream.of(method.getParameterTypes()).allMatch(type -> type == String.class)) {
                continue;
            }
            Arrays.fill(args, "ID");
            try {
                shapes.add((String) method.invoke(keys, args));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(method + ": " + e, e);
            }
        }
        return shapes;
    }

    /** Field names, statuses, room states and event types shared-model defines. */
    private static Set<String> sharedNames() {
        Set<String> names = new HashSet<>();
        for (Class<?> holder : List.of(PlayerFields.class, RoomFields.class, SnapshotFields.class, RedisKeys.class,
                NodeEvent.class, LobbyEvent.class, RoomHandoff.class, NodeLoad.class)) {
            for (Field field : holder.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    try {
                        names.add((String) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        Stream.of(PlayerStatus.values()).forEach(status -> names.add(status.wire()));
        Stream.of(RoomState.values()).forEach(state -> names.add(state.wire()));
        Stream.of(LobbyEvent.Type.values()).forEach(type -> names.add(type.wire()));
        Stream.of(NodeEvent.Type.values()).forEach(type -> names.add(type.wire()));
        return names;
    }

    private static List<Path> scripts() throws IOException {
        List<Path> scripts = new ArrayList<>();
        for (String module : List.of("service-common", "lobby-service", "matchmaker-service", "game-service")) {
            Path dir = StackScript.REPO.resolve(module + "/src/main/resources/lua");
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(file -> file.toString().endsWith(".lua")).sorted().forEach(scripts::add);
                }
            }
        }
        return scripts;
    }

    private static String withoutComments(String lua) {
        return lua.replaceAll("--\\[\\[(?s).*?]]", "").replaceAll("--[^\\n]*", "");
    }
}
