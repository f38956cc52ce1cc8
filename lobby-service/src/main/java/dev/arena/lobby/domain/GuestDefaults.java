package dev.arena.lobby.domain;

import dev.arena.model.protocol.Colors;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** What a guest who chose nothing gets: a readable name and two colors that stand apart on the canvas. */
final class GuestDefaults {

    private static final List<String> PALETTE = List.of(
            "#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231", "#911eb4",
            "#42d4f4", "#f032e6", "#bfef45", "#fabed4", "#469990", "#dcbeff");

    private GuestDefaults() {}

    static String name() {
        return "Guest-" + ThreadLocalRandom.current().nextInt(1000, 10000);
    }

    static Colors colors() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int primary = random.nextInt(PALETTE.size());
        int secondary = (primary + 1 + random.nextInt(PALETTE.size() - 1)) % PALETTE.size();
        return new Colors(PALETTE.get(primary), PALETTE.get(secondary));
    }
}
