package dev.arena.model.codec;

import dev.arena.model.codes.ErrorCode;
import java.util.Objects;

/** A frame or body that cannot be accepted; carries the code and a short human message safe to send back. */
public final class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        // No stack trace: bad input from a client is expected, and a flood of it must stay cheap.
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** What kind of problem this is; its wire string goes into the {@code err} reply. */
    public ErrorCode code() {
        return code;
    }
}
