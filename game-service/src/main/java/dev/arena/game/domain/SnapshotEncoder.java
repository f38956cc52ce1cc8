package dev.arena.game.domain;

import dev.arena.game.simulation.MatchSimulation;
import dev.arena.model.codec.BinarySnapshotWriter;
import dev.arena.model.protocol.WirePrecision;
import dev.arena.model.rules.GameRules;
import java.util.List;

/**
 * Writes a room's {@code snap} frame straight from the simulation's arrays into reused buffers,
 * without building records per send, in both protocol versions: {@link #text} exactly as
 * {@code MessageCodec} writes a {@code GameServerMessage.Snapshot} of the same state rounded to
 * {@link WirePrecision} (same field order, same number text), {@link #binary} as
 * {@code BinaryFrames} lays it out. Only the players in play are listed. One instance per room;
 * used by the tick thread only.
 */
public final class SnapshotEncoder {

    private final StringBuilder out = new StringBuilder(512);
    private final BinarySnapshotWriter binary;
    private final List<String> roster;
    // A slot's roster index, found once per player who takes the slot (slots fill in join order, not roster order).
    private final String[] slotPlayer;
    private final int[] slotRosterIndex;

    /** An encoder for a room of {@code roster} (player ids in the order of {@code start}'s roster) on {@code rules}' arena. */
    public SnapshotEncoder(List<String> roster, GameRules rules) {
        this.roster = List.copyOf(roster);
        this.binary = new BinarySnapshotWriter(rules);
        this.slotPlayer = new String[rules.maxPlayers()];
        this.slotRosterIndex = new int[rules.maxPlayers()];
    }

    /** The version 2 frame of {@code match} as it is now. */
    public byte[] binary(MatchSimulation match) {
        BinarySnapshotWriter b = binary.begin(match.tick());
        for (int slot = 0; slot < match.slotCount(); slot++) {
            if (match.isPresent(slot)) {
                b.player(rosterIndex(match, slot), match.x(slot), match.y(slot), match.aim(slot), match.score(slot),
                        match.lastSeq(slot));
            }
        }
        for (int p = 0; p < match.projectileCount(); p++) {
            b.projectile(match.projectileId(p), rosterIndex(match, match.projectileOwnerSlot(p)), match.projectileX(p),
                    match.projectileY(p), match.projectileVx(p), match.projectileVy(p));
        }
        return b.toByteArray();
    }

    private int rosterIndex(MatchSimulation match, int slot) {
        String player = match.playerId(slot);
        if (slotPlayer[slot] != player) {
            slotPlayer[slot] = player;
            slotRosterIndex[slot] = roster.indexOf(player);
        }
        return slotRosterIndex[slot];
    }

    /** The version 1 (JSON) frame of {@code match} as it is now. */
    public String text(MatchSimulation match) {
        StringBuilder b = out;
        b.setLength(0);
        b.append("{\"t\":\"snap\",\"tick\":").append(match.tick()).append(",\"players\":[");
        boolean first = true;
        for (int slot = 0; slot < match.slotCount(); slot++) {
            if (!match.isPresent(slot)) {
                continue;
            }
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append("{\"id\":");
            string(b, match.playerId(slot));
            WirePrecision.append(b.append(",\"x\":"), match.x(slot), WirePrecision.POSITION);
            WirePrecision.append(b.append(",\"y\":"), match.y(slot), WirePrecision.POSITION);
            WirePrecision.append(b.append(",\"aim\":"), match.aim(slot), WirePrecision.AIM);
            b.append(",\"score\":").append(match.score(slot))
                    .append(",\"seq\":").append(match.lastSeq(slot))
                    .append('}');
        }
        b.append("],\"proj\":[");
        for (int p = 0; p < match.projectileCount(); p++) {
            if (p > 0) {
                b.append(',');
            }
            b.append("{\"id\":").append(match.projectileId(p));
            WirePrecision.append(b.append(",\"x\":"), match.projectileX(p), WirePrecision.POSITION);
            WirePrecision.append(b.append(",\"y\":"), match.projectileY(p), WirePrecision.POSITION);
            WirePrecision.append(b.append(",\"vx\":"), match.projectileVx(p), WirePrecision.VELOCITY);
            WirePrecision.append(b.append(",\"vy\":"), match.projectileVy(p), WirePrecision.VELOCITY);
            b.append(",\"owner\":");
            string(b, match.projectileOwner(p));
            b.append('}');
        }
        return b.append("]}").toString();
    }

    // Ids are plain letters, digits and ".-_" (checked at the handoff), but escape anyway: a
    // frame must stay valid JSON whatever an id holds.
    private static void string(StringBuilder b, String value) {
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append("\\u00");
                b.append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }
}
