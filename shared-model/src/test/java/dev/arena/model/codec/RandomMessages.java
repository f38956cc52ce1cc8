package dev.arena.model.codec;

import dev.arena.model.codes.ErrorCode;
import dev.arena.model.protocol.Colors;
import dev.arena.model.protocol.ErrorMessage;
import dev.arena.model.protocol.FinalScore;
import dev.arena.model.protocol.GameClientMessage;
import dev.arena.model.protocol.GameServerMessage;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.protocol.SnapshotPlayer;
import dev.arena.model.protocol.SnapshotProjectile;
import dev.arena.model.rules.GameRules;
import dev.arena.model.rules.InputLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/** Random game messages over the whole range of their fields, for property tests of both protocol versions. */
final class RandomMessages {

    static final GameRules RULES = GameRules.DEFAULTS;

    private final SplittableRandom random;

    RandomMessages(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A roster of 1 to {@code maxPlayers} players with random names and colors. */
    List<PlayerInfo> roster() {
        List<PlayerInfo> roster = new ArrayList<>();
        int size = 1 + random.nextInt(RULES.maxPlayers());
        for (int i = 0; i < size; i++) {
            roster.add(new PlayerInfo(uuid(), "P" + random.nextInt(1_000_000), new Colors(color(), color())));
        }
        return roster;
    }

    /** A snapshot of some of {@code roster}'s players (in any order) and up to 30 projectiles inside the arena. */
    GameServerMessage.Snapshot snapshot(List<PlayerInfo> roster) {
        List<PlayerInfo> shuffled = new ArrayList<>(roster);
        java.util.Collections.shuffle(shuffled, new java.util.Random(random.nextLong()));
        List<SnapshotPlayer> players = new ArrayList<>();
        for (PlayerInfo player : shuffled.subList(0, random.nextInt(shuffled.size() + 1))) {
            players.add(new SnapshotPlayer(player.id(), x(), y(), aim(), random.nextInt(0x10000), random.nextLong(1L << 32)));
        }
        List<SnapshotProjectile> proj = new ArrayList<>();
        for (int i = random.nextInt(31); i > 0; i--) {
            double angle = random.nextDouble(-Math.PI, Math.PI);
            proj.add(new SnapshotProjectile(random.nextLong(1L << 32), x(), y(), RULES.projectileSpeed() * Math.cos(angle),
                    RULES.projectileSpeed() * Math.sin(angle), roster.get(random.nextInt(roster.size())).id()));
        }
        return new GameServerMessage.Snapshot(random.nextLong(1L << 32), players, proj);
    }

    /** An input with any buttons, an aim within the limit and a seq that fits version 2. */
    GameClientMessage.Input input() {
        return new GameClientMessage.Input(random.nextLong(1L << 32), random.nextBoolean(), random.nextBoolean(),
                random.nextBoolean(), random.nextBoolean(), aim(), random.nextBoolean());
    }

    /** One of the messages both versions send as JSON text: start, end, pong, err, ping. */
    Object textMessage(List<PlayerInfo> roster) {
        return switch (random.nextInt(5)) {
            case 0 -> new GameServerMessage.Start("r" + random.nextInt(1000), roster.get(0).id(), RULES, roster,
                    random.nextLong(1L << 40), RULES.tickRateHz(), RULES.sendRateHz(), random.nextLong(1L << 42));
            case 1 -> new GameServerMessage.End("r" + random.nextInt(1000), roster.stream()
                    .map(p -> new FinalScore(p.id(), p.name(), random.nextInt(100))).toList());
            case 2 -> new GameServerMessage.Pong(random.nextLong(1L << 40), random.nextLong(1L << 42), random.nextLong(1L << 42));
            case 3 -> ErrorMessage.of(ErrorCode.values()[random.nextInt(ErrorCode.values().length)], "message " + random.nextInt());
            default -> new GameClientMessage.Ping(random.nextLong(1L << 40), random.nextLong(1L << 42));
        };
    }

    double x() {
        return random.nextDouble(0, RULES.arenaWidth());
    }

    double y() {
        return random.nextDouble(0, RULES.arenaHeight());
    }

    double aim() {
        return random.nextDouble(-InputLimits.MAX_AIM, InputLimits.MAX_AIM);
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private String color() {
        return String.format("#%06x", random.nextInt(0x1000000));
    }
}
