package dev.arena.matchmaker.domain;

import dev.arena.model.events.NodeEvent;

/**
 * An entry of {@code game:events}: its stream id (to acknowledge) and the game node's report
 * (null when this version cannot read it).
 */
public record NodeReportEntry(String streamId, NodeEvent report) {}
