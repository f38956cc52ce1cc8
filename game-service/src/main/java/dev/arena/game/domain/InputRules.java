package dev.arena.game.domain;

import dev.arena.model.codec.ProtocolException;
import dev.arena.model.codes.ErrorCode;
import dev.arena.model.protocol.GameClientMessage;

/**
 * The checks on an input that the codec leaves to the node: the aim within one turn either way
 * (a finite but huge angle only loses precision in cos/sin) and a sequence number that does not
 * leap ahead of the connection's previous one (a client that jumps to 2^62 would make every
 * later input look old).
 */
public final class InputRules {

    /** The largest aim accepted, 2π, in radians either way. */
    public static final double MAX_AIM = 2 * Math.PI;

    private final long maxSeqJump;

    public InputRules(long maxSeqJump) {
        this.maxSeqJump = maxSeqJump;
    }

    /** Throws an {@code invalid_value} {@link ProtocolException} when {@code input} breaks a rule. */
    public void check(GameClientMessage.Input input, long previousSeq) {
        if (input.aim() < -MAX_AIM || input.aim() > MAX_AIM) {
            throw new ProtocolException(ErrorCode.INVALID_VALUE, "aim must be within [-2π, 2π]");
        }
        if (input.seq() - previousSeq > maxSeqJump) {
            throw new ProtocolException(ErrorCode.INVALID_VALUE, "seq jumps too far ahead");
        }
    }
}
