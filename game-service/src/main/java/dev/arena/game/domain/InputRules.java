package dev.arena.game.domain;

import dev.arena.model.codec.ProtocolException;
import dev.arena.model.codes.ErrorCode;
import dev.arena.model.protocol.GameClientMessage;
import dev.arena.model.rules.InputLimits;

/** The checks on an input that the codec leaves to the node: the shared {@link InputLimits} on aim and {@code seq}. */
public final class InputRules {

    private InputRules() {}

    /** Throws an {@code invalid_value} {@link ProtocolException} when {@code input} breaks a limit. */
    public static void check(GameClientMessage.Input input, long previousSeq) {
        if (!InputLimits.aimWithinLimit(input.aim())) {
            throw new ProtocolException(ErrorCode.INVALID_VALUE, "aim must be within [-2π, 2π]");
        }
        if (!InputLimits.seqWithinJump(input.seq(), previousSeq)) {
            throw new ProtocolException(ErrorCode.INVALID_VALUE, "seq jumps too far ahead");
        }
    }
}
