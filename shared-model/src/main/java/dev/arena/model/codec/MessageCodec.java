package dev.arena.model.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.arena.model.codes.ErrorCode;
import dev.arena.model.protocol.GameClientMessage;
import dev.arena.model.protocol.GameServerMessage;
import dev.arena.model.protocol.LobbyClientMessage;
import dev.arena.model.protocol.LobbyServerMessage;
import java.io.IOException;
import java.util.Objects;

/**
 * The one place frames and bodies become records and back. JSON text for now; everything goes
 * through this class so a compact binary form can replace it. Thread-safe; instances share one
 * mapper.
 */
public final class MessageCodec {

        private static final int MAX_ECHO = 32;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Newer clients or servers may add fields; older readers skip them.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // No default typing: only the "t" names listed on the sealed interfaces can be built.
            .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            // Every number and boolean field must be present and non-null: a missing "fire" is a bug, not false.
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Strict types: "17" is not a number, 1 is not true, 1.5 is not a sequence number.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            // An emoji is 4 UTF-8 bytes, not a 12-byte escaped surrogate pair, and bytes equal the text form.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    /** What a decoding error names: a socket's frame, or a REST request's body. */
    private static final String FRAME = "frame";
    private static final String BODY = "request body";
    private static final String NOT_JSON = " is not valid JSON";

    private static final ObjectReader GAME_CLIENT = MAPPER.readerFor(GameClientMessage.class);
    private static final ObjectReader GAME_SERVER = MAPPER.readerFor(GameServerMessage.class);
    private static final ObjectReader LOBBY_CLIENT = MAPPER.readerFor(LobbyClientMessage.class);
    private static final ObjectReader LOBBY_SERVER = MAPPER.readerFor(LobbyServerMessage.class);

    /** JSON text of a message or DTO; a record of a sealed message type carries its {@code t}. */
    public String encode(Object message) {
        try {
            return MAPPER.writeValueAsString(Objects.requireNonNull(message, "message"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** UTF-8 JSON of a message, to write the same buffer to many sockets. */
    public byte[] encodeBytes(Object message) {
        try {
            return MAPPER.writeValueAsBytes(Objects.requireNonNull(message, "message"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** A frame from a client on the game socket. */
    public GameClientMessage decodeGameClient(String frame) {
        // The 30 Hz input in the form every client writes skips Jackson; anything else is read in full.
        GameClientMessage.Input input = frame == null ? null : InputFrames.read(frame);
        return input != null ? input : read(GAME_CLIENT, frame, ErrorCode.UNKNOWN_MESSAGE, FRAME);
    }

    /** A frame from a game node. */
    public GameServerMessage decodeGameServer(String frame) {
        return read(GAME_SERVER, frame, ErrorCode.UNKNOWN_MESSAGE, FRAME);
    }

    /** A frame from a client on the lobby socket. */
    public LobbyClientMessage decodeLobbyClient(String frame) {
        return read(LOBBY_CLIENT, frame, ErrorCode.UNKNOWN_MESSAGE, FRAME);
    }

    /** A frame from the lobby socket. */
    public LobbyServerMessage decodeLobbyServer(String frame) {
        return read(LOBBY_SERVER, frame, ErrorCode.UNKNOWN_MESSAGE, FRAME);
    }

    /** A JSON object of a plain type, such as a REST DTO. */
    public <T> T decode(String json, Class<T> type) {
        return read(MAPPER.readerFor(type), json, ErrorCode.INVALID_VALUE, BODY);
    }

    private static <T> T read(ObjectReader reader, String text, ErrorCode notAnObject, String what) {
        if (text == null) {
            throw new ProtocolException(ErrorCode.MALFORMED_JSON, what + " is empty");
        }
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ProtocolException(ErrorCode.MALFORMED_JSON, what + " is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ProtocolException(notAnObject, what + " must be a JSON object");
            }
            T value = reader.readValue(parser);
            // Checked here rather than by FAIL_ON_TRAILING_TOKENS so it reports malformed_json,
            // not a mapping error: "{...}{...}" is not one JSON text.
            if (parser.nextToken() != null) {
                throw new ProtocolException(ErrorCode.MALFORMED_JSON, what + " has data after the JSON object");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw translate(e, what);
        } catch (IOException e) {
            // Cannot happen on a String source; kept as a parse error for completeness.
            throw new ProtocolException(ErrorCode.MALFORMED_JSON, what + NOT_JSON);
        }
    }

    // Jackson's own messages name Java classes; clients get short, fixed texts instead.
    private static ProtocolException translate(JsonProcessingException e, String what) {
        if (e instanceof InvalidTypeIdException typeId) {
            String t = typeId.getTypeId();
            return new ProtocolException(ErrorCode.UNKNOWN_MESSAGE,
                    t == null ? "message type 't' is missing" : "unknown message type '" + echo(t) + "'");
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ProtocolException protocol) {
                return protocol;
            }
            if (cause instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
                // Our records' constructors throw these with readable messages.
                return new ProtocolException(ErrorCode.INVALID_VALUE, invalid.getMessage());
            }
        }
        if (e instanceof InputCoercionException) {
            return new ProtocolException(ErrorCode.INVALID_VALUE, "number out of range");
        }
        if (e instanceof JsonMappingException mapping) {
            String path = path(mapping);
            return new ProtocolException(ErrorCode.INVALID_VALUE,
                    path.isEmpty() ? "invalid message" : "missing or invalid value for '" + echo(path) + "'");
        }
        return new ProtocolException(ErrorCode.MALFORMED_JSON, what + NOT_JSON);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    // Client-supplied text goes back to the client: keep it short.
    private static String echo(String text) {
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "…";
    }
}
