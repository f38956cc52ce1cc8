package dev.arena.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arena.model.protocol.GameClientMessage;
import dev.arena.model.protocol.GameProtocol;
import dev.arena.model.protocol.GameServerMessage;
import dev.arena.model.protocol.LobbyClientMessage;
import dev.arena.model.protocol.LobbyServerMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The client library (nginx/html/sdk, docs/client-library.md) against the protocol it speaks: the
 * versions agree with shared-model's newest game protocol; every message of shared-model's four
 * message families is declared in arena-client.d.ts with its {@code t} and every field; every
 * value index.js exports is declared; and TypeScript ({@code tsc --strict}) accepts the
 * declarations and the docs' minimal game loop. Without Node.js and npm the type check is skipped
 * with a message, except under CI, where it fails.
 */
class ClientLibraryTest {

    private static final Path SDK = StackScript.REPO.resolve("nginx/html/sdk");
    private static final Path DOCS = StackScript.REPO.resolve("docs/client-library.md");
    private static final Path TYPESCRIPT = StackScript.REPO.resolve("system-tests/target/typescript");
    private static final String TYPESCRIPT_VERSION = "5.9.3";
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration TSC_TIMEOUT = Duration.ofMinutes(2);
    // A body up to its first "}": message interfaces hold no nested object types.
    private static final Pattern INTERFACE = Pattern.compile(
            "export interface (\\w+)(?: extends (\\w+))? \\{(.*?)}", Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile("^\\s*(\\w+)\\??\\s*:", Pattern.MULTILINE);
    private static final Pattern TYPE_TAG = Pattern.compile("^\\s*t: '([^']+)'", Pattern.MULTILINE);

    @Test
    void itsMajorVersionIsTheNewestGameProtocol() throws IOException {
        GameProtocol[] protocols = GameProtocol.values();
        int newest = Integer.parseInt(protocols[protocols.length - 1].name().substring(1));
        String version = new ObjectMapper().readTree(SDK.resolve("package.json").toFile()).path("version").asText();
        String index = read(SDK.resolve("index.js"));

        assertEquals(newest, Integer.parseInt(version.split("\\.")[0]), "package.json's major version");
        assertEquals(Integer.toString(newest), find(index, "export const PROTOCOL_VERSION = (\\d+);"), "index.js");
        assertEquals(version, find(index, "export const VERSION = '([^']+)';"), "index.js VERSION");
        assertEquals(Integer.toString(newest), find(read(SDK.resolve("arena-client.d.ts")),
                "export declare const PROTOCOL_VERSION: (\\d+);"), "arena-client.d.ts");
    }

    @Test
    void everyMessageIsDeclaredWithItsTypeAndFields() throws IOException {
        Map<String, Set<String>> declared = declaredMessages(read(SDK.resolve("arena-client.d.ts")));
        List<Class<?>> families = List.of(LobbyClientMessage.class, LobbyServerMessage.class,
                GameClientMessage.class, GameServerMessage.class);
        for (Class<?> family : families) {
            for (JsonSubTypes.Type type : family.getAnnotation(JsonSubTypes.class).value()) {
                Set<String> fields = declared.get(type.name());
                assertTrue(fields != null, family.getSimpleName() + " '" + type.name() + "' is not declared (no interface with t: '"
                        + type.name() + "') in arena-client.d.ts");
                for (var component : type.value().getRecordComponents()) {
                    assertTrue(fields.contains(component.getName()), family.getSimpleName() + " '" + type.name()
                            + "' has no field " + component.getName() + " in arena-client.d.ts (declared: " + fields + ")");
                }
            }
        }
    }

    @Test
    void everyExportOfTheLibraryIsDeclared() throws IOException {
        Set<String> exported = new TreeSet<>();
        Matcher lists = Pattern.compile("export \\{([^}]*)} from").matcher(read(SDK.resolve("index.js")));
        while (lists.find()) {
            Arrays.stream(lists.group(1).split(",")).map(String::strip).forEach(exported::add);
        }
        Matcher constants = Pattern.compile("export const (\\w+)").matcher(read(SDK.resolve("index.js")));
        while (constants.find()) {
            exported.add(constants.group(1));
        }
        Set<String> declared = new TreeSet<>();
        Matcher declarations = Pattern.compile("export declare (?:const|function|class) (\\w+)").matcher(read(SDK.resolve("arena-client.d.ts")));
        while (declarations.find()) {
            declared.add(declarations.group(1));
        }

        assertFalse(exported.isEmpty(), "no exports found in index.js");
        assertEquals(exported, declared, "index.js exports vs arena-client.d.ts declarations");
    }

    @Test
    void typeScriptAcceptsTheDeclarationsAndTheDocsGameLoop() throws IOException {
        boolean present = StackScript.run(List.of("sh", "-c", "command -v node && command -v npm"), Map.of(), TSC_TIMEOUT).exitCode() == 0;
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("node and npm are missing: ./stack test installs them as root (Debian nodejs, npm)");
        }
        assumeTrue(present, "node or npm is not installed: skipping the TypeScript check of the client library");
        Path tsc = TYPESCRIPT.resolve("node_modules/typescript/bin/tsc");
        if (!Files.exists(tsc)) {
            Files.createDirectories(TYPESCRIPT);
            StackScript.Result install = StackScript.run(List.of("npm", "install", "--no-save", "--no-audit", "--no-fund",
                    "--prefix", TYPESCRIPT.toString(), "typescript@" + TYPESCRIPT_VERSION), Map.of(), NPM_TIMEOUT);
            assertEquals(0, install.exitCode(), "npm install typescript failed:\n" + install.output());
        }
        Path work = Files.createDirectories(StackScript.REPO.resolve("system-tests/target/client-library-check"));
        Files.writeString(work.resolve("game-loop.ts"), find(read(DOCS), "(?s)```ts\\n(.*?)```"));
        String config = """
                {
                  "compilerOptions": {
                    "strict": true, "noEmit": true, "target": "es2022", "module": "es2022",
                    "moduleResolution": "bundler", "lib": ["es2022", "dom"], "types": [],
                    "paths": { "@arena/client": ["%s"] }
                  },
                  "files": ["game-loop.ts", "%s"]
                }
                """.formatted(SDK.resolve("arena-client.d.ts"), SDK.resolve("arena-client.d.ts"));
        Files.writeString(work.resolve("tsconfig.json"), config);

        StackScript.Result check = StackScript.run(List.of("node", tsc.toString(), "-p", work.resolve("tsconfig.json").toString()),
                Map.of(), TSC_TIMEOUT);

        assertEquals(0, check.exitCode(), "tsc --strict refused the client library's declarations or the docs' game loop:\n"
                + check.output());
    }

    /** The fields of each declared message interface, by its {@code t}, with those of the interface it extends. */
    private static Map<String, Set<String>> declaredMessages(String declarations) {
        Map<String, String> bodies = new HashMap<>();
        Map<String, String> parents = new HashMap<>();
        // Comments out first: they may hold braces ("/game/{nodeId}/{roomId}").
        String code = declarations.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        Matcher interfaces = INTERFACE.matcher(code);
        while (interfaces.find()) {
            bodies.put(interfaces.group(1), interfaces.group(3));
            if (interfaces.group(2) != null) {
                parents.put(interfaces.group(1), interfaces.group(2));
            }
        }
        Map<String, Set<String>> messages = new HashMap<>();
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            Matcher tag = TYPE_TAG.matcher(body.getValue());
            if (!tag.find()) {
                continue;
            }
            Set<String> fields = new HashSet<>();
            for (String name = body.getKey(); name != null; name = parents.get(name)) {
                Matcher field = FIELD.matcher(bodies.getOrDefault(name, ""));
                while (field.find()) {
                    fields.add(field.group(1));
                }
            }
            messages.merge(tag.group(1), fields, (a, b) -> {
                a.addAll(b);
                return a;
            });
        }
        return messages;
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), "no match for " + regex);
        return matcher.group(1);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
