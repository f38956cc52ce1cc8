package dev.arena.service.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arena.service.limits.FrameRateLimiter.Verdict;
import org.junit.jupiter.api.Test;

/** The per-socket frame budget, on an explicit clock. */
class FrameRateLimiterTest {

    private static final long MS = 1_000_000L;

    @Test
    void aSteadyClientWithinTheRateIsNeverDropped() {
        FrameRateLimiter limiter = new FrameRateLimiter(60, 3, 2, 0);
        for (long t = 0; t < 10_000; t += 20) { // 50 frames/s for 10 s
            assertEquals(Verdict.ACCEPT, limiter.onFrame(t * MS));
        }
    }

    @Test
    void framesAboveTheRateAreDroppedButABurstIsNotAFlood() {
        FrameRateLimiter limiter = new FrameRateLimiter(60, 3, 2, 0);
        int accepted = 0;
        int dropped = 0;
        for (int i = 0; i < 150; i++) { // 150 frames within one second, then quiet
            Verdict verdict = limiter.onFrame(i * 6 * MS);
            accepted += verdict == Verdict.ACCEPT ? 1 : 0;
            dropped += verdict == Verdict.DROP ? 1 : 0;
        }
        assertEquals(150, accepted + dropped);
        assertEquals(true, accepted < 120 && dropped > 0, "accepted " + accepted);
        assertEquals(Verdict.ACCEPT, limiter.onFrame(5_000 * MS), "refilled after a pause");
    }

    @Test
    void aSustainedFloodIsClosedInItsSecondSecond() {
        FrameRateLimiter limiter = new FrameRateLimiter(60, 3, 2, 0);
        long t = 0;
        Verdict verdict = Verdict.ACCEPT;
        while (verdict != Verdict.CLOSE && t < 5_000 * MS) {
            verdict = limiter.onFrame(t);
            t += 2 * MS; // 500 frames/s
        }
        assertEquals(Verdict.CLOSE, verdict);
        assertEquals(true, t > 1_000 * MS && t < 2_000 * MS, "closed at " + t / MS + " ms");
    }

    @Test
    void oneFloodedSecondBetweenQuietOnesIsNotClosed() {
        FrameRateLimiter limiter = new FrameRateLimiter(60, 3, 2, 0);
        for (long t = 0; t < 1_000; t += 2) {
            limiter.onFrame(t * MS);
        }
        for (long t = 1_000; t < 3_000; t += 50) {
            limiter.onFrame(t * MS);
        }
        for (long t = 3_000; t < 4_000; t += 2) {
            assertEquals(false, limiter.onFrame(t * MS) == Verdict.CLOSE, "at " + t);
        }
    }
}
