package dev.arena.service.limits;

/**
 * The frame budget of one socket: a token bucket of {@code perSecond} frames (a frame above it is
 * dropped) and a flood detector (a second with more than {@code floodFactor} times the rate,
 * {@code floodSeconds} times in a row, means the socket should be closed). Used by the socket's
 * own serial handler only, with an explicit clock so it can be tested without waiting.
 */
public final class FrameRateLimiter {

    /** What to do with a frame. */
    public enum Verdict { ACCEPT, DROP, CLOSE }

    private static final long SECOND = 1_000_000_000L;

    private final int perSecond;
    private final long floodThreshold;
    private final int floodSeconds;

    private double tokens;
    private long refilledAt;
    private long windowStart;
    private long windowFrames;
    private int floodedWindows;

    public FrameRateLimiter(int perSecond, int floodFactor, int floodSeconds, long nowNanos) {
        this.perSecond = perSecond;
        this.floodThreshold = (long) perSecond * floodFactor;
        this.floodSeconds = floodSeconds;
        this.tokens = perSecond;
        this.refilledAt = nowNanos;
        this.windowStart = nowNanos;
    }

    /** Counts a frame that arrived at {@code nowNanos}. */
    public Verdict onFrame(long nowNanos) {
        long elapsedWindows = (nowNanos - windowStart) / SECOND;
        if (elapsedWindows > 0) {
            // A window ended: it was a flood or it broke the streak (as does any quiet window since).
            floodedWindows = windowFrames > floodThreshold && elapsedWindows == 1 ? floodedWindows + 1 : 0;
            windowStart += elapsedWindows * SECOND;
            windowFrames = 0;
        }
        windowFrames++;
        if (windowFrames > floodThreshold && floodedWindows + 1 >= floodSeconds) {
            return Verdict.CLOSE;
        }
        tokens = Math.min(perSecond, tokens + (nowNanos - refilledAt) * (double) perSecond / SECOND);
        refilledAt = nowNanos;
        if (tokens < 1) {
            return Verdict.DROP;
        }
        tokens -= 1;
        return Verdict.ACCEPT;
    }
}
