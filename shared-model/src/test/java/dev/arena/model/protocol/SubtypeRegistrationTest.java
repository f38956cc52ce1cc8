package dev.arena.model.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jackson 2 does not read {@code permits}: every permitted record must also be listed, under its own name. */
class SubtypeRegistrationTest {

    @Test
    void everyPermittedRecordIsRegisteredUnderItsTypeName() {
        for (Class<?> sealed : new Class<?>[] {GameClientMessage.class, GameServerMessage.class,
                LobbyClientMessage.class, LobbyServerMessage.class}) {
            Map<Class<?>, String> registered = new HashMap<>();
            for (JsonSubTypes.Type type : sealed.getAnnotation(JsonSubTypes.class).value()) {
                registered.put(type.value(), type.name());
            }
            Map<Class<?>, String> declared = new HashMap<>();
            for (Class<?> permitted : sealed.getPermittedSubclasses()) {
                JsonTypeName name = permitted.getAnnotation(JsonTypeName.class);
                assertNotNull(name, permitted + " has no @JsonTypeName");
                declared.put(permitted, name.value());
            }
            assertEquals(declared, registered, sealed.getSimpleName());
        }
    }
}
