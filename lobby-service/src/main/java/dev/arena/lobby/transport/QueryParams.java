package dev.arena.lobby.transport;

import dev.arena.model.codes.ErrorCode;
import dev.arena.service.error.ApiException;

/** Strict parsing of numeric query parameters into {@code validation_failed} errors. */
final class QueryParams {

    private QueryParams() {
    }

    /** {@code value} as a whole number within [min, max], else a 400 naming the parameter. */
    static Long number(String value, String name, long min, long max) {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(ErrorCode.VALIDATION_FAILED, name + " must be a whole number from " + min + " to " + max);
    }
}
