package dev.arena.matchmaker.domain;

/** A room member as the scripts report it: id, display name and colors JSON (empty when the record expired). */
public record Member(String id, String name, String colorsJson) {}
