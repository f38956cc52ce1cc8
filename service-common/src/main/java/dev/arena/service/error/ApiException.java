package dev.arena.service.error;

import dev.arena.model.codes.ErrorCode;

/** A failure the caller should see as a JSON error with the code's HTTP status. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;

    public ApiException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
