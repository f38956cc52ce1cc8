package dev.arena.service.health;

/** A store a request may wait on, each watched by its own {@link StoreWatch}. */
public enum Store {
    REDIS("Redis"),
    POSTGRESQL("PostgreSQL");

    private final String label;

    Store(String label) {
        this.label = label;
    }

    /** The name readiness and the logs give it. */
    public String label() {
        return label;
    }
}
