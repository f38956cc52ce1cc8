package dev.arena.matchmaker;

import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.ReadinessContract;
import dev.arena.testsupport.RedisUnreachableProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(RedisUnreachableProfile.class)
@QuarkusTestResource(JwtKeysResource.class)
class ReadinessTest extends ReadinessContract {}
