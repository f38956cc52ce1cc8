package dev.arena.game.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.game.simulation.MatchSimulation;
import dev.arena.model.codec.BinaryFrames;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.protocol.GameServerMessage;
import dev.arena.model.protocol.SnapshotPlayer;
import dev.arena.model.protocol.SnapshotProjectile;
import dev.arena.model.protocol.WirePrecision;
import dev.arena.model.rules.GameRules;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-written {@code snap} is byte for byte what the codecs make of the same state: version 1
 * what {@code MessageCodec} writes at wire precision (and decodes back to it), version 2 what
 * {@code BinaryFrames} writes, with players named by roster index whatever their slot.
 */
class SnapshotEncoderTest {

    private final MessageCodec codec = new MessageCodec();

    @Test
    void matchesTheCodecTickAfterTick() {
        MatchSimulation match = new MatchSimulation(GameRules.DEFAULTS, 3);
        int a = match.join("5f0c8a1e-2b7d-4c1e-9a57-6a1c9e2f0b11");
        int b = match.join("p-2");
        match.join("gone");
        match.leave(2);
        // Roster order differs from join (slot) order.
        List<String> roster = List.of("gone", "p-2", "absent", "5f0c8a1e-2b7d-4c1e-9a57-6a1c9e2f0b11");
        SnapshotEncoder encoder = new SnapshotEncoder(roster, GameRules.DEFAULTS);
        for (int tick = 0; tick < 200; tick++) {
            match.input(a, tick + 1, tick % 3 == 0, false, tick % 2 == 0, false, tick * 0.1 - 3, tick % 20 < 5);
            match.input(b, tick + 1, false, true, false, true, -1.25, true);
            match.step();
            String frame = encoder.text(match);
            assertEquals(codec.encode(expected(match)), frame, "tick " + tick);
            assertEquals(expected(match), codec.decodeGameServer(frame));
            GameServerMessage.Snapshot exact = exact(match);
            assertArrayEquals(BinaryFrames.encode(exact, roster, GameRules.DEFAULTS), encoder.binary(match), "tick " + tick);
        }
        assertTrue(match.projectileCount() > 0, "projectiles were covered");
    }

    private static GameServerMessage.Snapshot expected(MatchSimulation match) {
        List<SnapshotPlayer> players = new ArrayList<>();
        for (int slot = 0; slot < match.slotCount(); slot++) {
            if (match.isPresent(slot)) {
                players.add(new SnapshotPlayer(match.playerId(slot), position(match.x(slot)), position(match.y(slot)),
                        WirePrecision.round(match.aim(slot), WirePrecision.AIM), match.score(slot), match.lastSeq(slot)));
            }
        }
        List<SnapshotProjectile> projectiles = new ArrayList<>();
        for (int p = 0; p < match.projectileCount(); p++) {
            projectiles.add(new SnapshotProjectile(match.projectileId(p), position(match.projectileX(p)),
                    position(match.projectileY(p)), WirePrecision.round(match.projectileVx(p), WirePrecision.VELOCITY),
                    WirePrecision.round(match.projectileVy(p), WirePrecision.VELOCITY), match.projectileOwner(p)));
        }
        return new GameServerMessage.Snapshot(match.tick(), players, projectiles);
    }

    /** The state as it is, for the binary form (which quantizes by itself). */
    private static GameServerMessage.Snapshot exact(MatchSimulation match) {
        List<SnapshotPlayer> players = new ArrayList<>();
        for (int slot = 0; slot < match.slotCount(); slot++) {
            if (match.isPresent(slot)) {
                players.add(new SnapshotPlayer(match.playerId(slot), match.x(slot), match.y(slot), match.aim(slot),
                        match.score(slot), match.lastSeq(slot)));
            }
        }
        List<SnapshotProjectile> projectiles = new ArrayList<>();
        for (int p = 0; p < match.projectileCount(); p++) {
            projectiles.add(new SnapshotProjectile(match.projectileId(p), match.projectileX(p), match.projectileY(p),
                    match.projectileVx(p), match.projectileVy(p), match.projectileOwner(p)));
        }
        return new GameServerMessage.Snapshot(match.tick(), players, projectiles);
    }

    private static double position(double value) {
        return WirePrecision.round(value, WirePrecision.POSITION);
    }
}
