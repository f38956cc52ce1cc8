package dev.arena.model.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.arena.model.codec.ProtocolException;
import dev.arena.model.codes.ErrorCode;

/** A frame a client sends on the game socket; {@code t} names the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "t")
@JsonSubTypes({
    @JsonSubTypes.Type(value = GameClientMessage.Input.class, name = "in"),
    @JsonSubTypes.Type(value = GameClientMessage.Ping.class, name = "ping")
})
public sealed interface GameClientMessage {

    /**
     * {@code in}: the keys held and the aim (radians) at input number {@code seq}, about 30 per
     * second. Comes from untrusted clients, so it validates itself.
     */
    @JsonTypeName("in")
    record Input(long seq, boolean up, boolean down, boolean left, boolean right, double aim, boolean fire)
            implements GameClientMessage {

        public Input {
            if (seq < 0) {
                throw new ProtocolException(ErrorCode.INVALID_VALUE, "seq must not be negative");
            }
            // NaN or infinity would poison the simulation's math for the whole room.
            if (!Double.isFinite(aim)) {
                throw new ProtocolException(ErrorCode.INVALID_VALUE, "aim must be a finite number");
            }
        }
    }

    /** {@code ping}: asks for a {@code pong} echoing {@code id} and {@code clientTime}, for the HUD's ping. */
    @JsonTypeName("ping")
    record Ping(long id, long clientTime) implements GameClientMessage {}
}
