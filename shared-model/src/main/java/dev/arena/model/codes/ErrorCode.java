package dev.arena.model.codes;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every error a client can see, on a socket ({@code err}) or over HTTP ({@code ApiError}), with its wire string and HTTP status. */
public enum ErrorCode {

    /** The request is wrong in a way no more specific code describes. */
    BAD_REQUEST("bad_request", 400),
    /** The body or frame is not valid JSON. */
    MALFORMED_JSON("malformed_json", 400),
    /** A well-formed request whose values break a rule (name too long, bad color). */
    VALIDATION_FAILED("validation_failed", 400),
    /** No valid token, or an expired one. */
    UNAUTHORIZED("unauthorized", 401),
    /** A valid token without the needed role. */
    FORBIDDEN("forbidden", 403),
    /** The player, room or resource does not exist. */
    NOT_FOUND("not_found", 404),
    /** The path exists, but not for this HTTP method. */
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    /** The request's Accept names no type the endpoint answers with (JSON). */
    NOT_ACCEPTABLE("not_acceptable", 406),
    /** The request clashes with the current state. */
    CONFLICT("conflict", 409),
    /** The body is larger than allowed. */
    PAYLOAD_TOO_LARGE("payload_too_large", 413),
    /** The request line (path and query) is longer than the edge accepts. */
    URI_TOO_LONG("uri_too_long", 414),
    /** The request's Content-Type is not one the endpoint reads (JSON). */
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    /** The request's headers are larger than the edge accepts. */
    HEADERS_TOO_LARGE("headers_too_large", 431),
    /** Too many requests or frames; slow down. */
    RATE_LIMITED("rate_limited", 429),
    /** A dependency (Redis, PostgreSQL) is down; try again later. */
    UNAVAILABLE("unavailable", 503),
    /** A bug on our side; the message never carries internals. */
    INTERNAL("internal", 500),
    /** A frame with a missing or unknown {@code t}. */
    UNKNOWN_MESSAGE("unknown_message", 400),
    /** A binary frame (protocol version 2) that is not of its message's length. */
    MALFORMED_FRAME("malformed_frame", 400),
    /** A known message with a field of the wrong type or out of range. */
    INVALID_VALUE("invalid_value", 400),
    /** A socket frame above the size limit. */
    FRAME_TOO_LARGE("frame_too_large", 413),
    /** The player is not a member of the room it addressed. */
    NOT_IN_ROOM("not_in_room", 403),
    /** The player did not reach the game in time after {@code match.ready} and left the room. */
    ARRIVAL_TIMEOUT("arrival_timeout", 409),
    /** One game at a time: the player is already queued, in a room or in a match. */
    ALREADY_PLAYING("already_playing", 409),
    /** No live game node can take the room right now. */
    NO_GAME_NODE("no_game_node", 503);

    private static final Map<String, ErrorCode> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorCode::wire, Function.identity()));

    private final String wire;
    private final int httpStatus;

    ErrorCode(String wire, int httpStatus) {
        this.wire = wire;
        this.httpStatus = httpStatus;
    }

    /** The stable lowercase string sent to clients; never rename one, clients match on it. */
    public String wire() {
        return wire;
    }

    /** The HTTP status a REST response with this code carries. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The code for an HTTP status nobody gave a more specific one (an answer of the framework or
     * the edge): the code of that status, else {@code internal} for 5xx and {@code bad_request} for the rest.
     */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 431 -> HEADERS_TOO_LARGE;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : BAD_REQUEST;
        };
    }

    /** The code with this wire string, if any. */
    public static Optional<ErrorCode> fromWire(String wire) {
        return Optional.ofNullable(wire == null ? null : BY_WIRE.get(wire));
    }
}
