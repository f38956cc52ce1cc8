package dev.arena.model.api;

import dev.arena.model.codes.ErrorCode;

/** The JSON body of every HTTP error: {@code code} is an {@link ErrorCode} wire string, {@code message} a short human text. */
public record ApiError(String code, String message) {

    /** The body for {@code code}. */
    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(code.wire(), message);
    }
}
