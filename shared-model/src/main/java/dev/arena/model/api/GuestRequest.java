package dev.arena.model.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.arena.model.protocol.Colors;

/** Body of {@code POST /lobby/api/guest}: the wished name and colors; either may be absent (the lobby picks). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GuestRequest(String name, Colors colors) {}
