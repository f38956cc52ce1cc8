package dev.arena.model.protocol;

import java.util.List;

/** Checks shared by the message records' constructors, so a message is never built half-empty. */
final class Require {

    private Require() {}

    /** Throws with a readable message (the codec turns it into {@code invalid_value}) when {@code value} is null. */
    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** An immutable copy; an absent list is an empty one, so small frames may leave it out. */
    static <T> List<T> list(List<T> value, String field) {
        if (value == null) {
            return List.of();
        }
        for (T element : value) {
            if (element == null) {
                throw new IllegalArgumentException(field + " must not contain null");
            }
        }
        return List.copyOf(value);
    }
}
