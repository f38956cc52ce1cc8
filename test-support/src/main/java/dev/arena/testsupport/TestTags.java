package dev.arena.testsupport;

/** JUnit tags the build selects tests by (the parent pom's redis-cluster profile). */
public final class TestTags {

    /**
     * A test whose service runs against a Redis of its own (one it stalls, stops or never starts):
     * it exercises a single Redis's failures, so the Redis Cluster pass leaves it out.
     */
    public static final String OWN_REDIS = "own-redis";

    private TestTags() {}
}
