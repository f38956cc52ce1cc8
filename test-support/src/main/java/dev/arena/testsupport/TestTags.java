package dev.arena.testsupport;

/** JUnit tags the build selects tests by (the parent pom's redis-cluster profile). */
public final class TestTags {

    /**
     * A test of what the stores do in Redis (scripts, leases, handoffs, snapshots, the room
     * lifecycle, recovery): the Redis Cluster pass of {@code ./stack test} runs it a second time
     * against a cluster, where a key outside its shard's slot or a command sent to the wrong node fails.
     */
    public static final String REDIS_CLUSTER = "redis-cluster";

    private TestTags() {}
}
