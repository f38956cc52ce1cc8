package dev.arena.model.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.arena.model.codes.ErrorCode;

/** {@code err}: a problem reported on either socket; {@code code} is an {@link ErrorCode} wire string. */
@JsonTypeName("err")
public record ErrorMessage(String code, String message) implements GameServerMessage, LobbyServerMessage {

    public ErrorMessage {
        Require.present(code, "code");
        Require.present(message, "message");
    }

    /** The message for {@code code}; {@code message} is shown to the player, so keep it short and free of internals. */
    public static ErrorMessage of(ErrorCode code, String message) {
        return new ErrorMessage(code.wire(), message);
    }
}
