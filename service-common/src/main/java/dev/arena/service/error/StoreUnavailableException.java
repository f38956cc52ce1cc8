package dev.arena.service.error;

import io.smallrye.mutiny.TimeoutException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;

/**
 * Redis (or another store) cannot be reached: refused, closed or timed out. The caller answers
 * 503 with {@code Retry-After}; see {@link ApiErrorMappers}.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(Throwable cause) {
        super("a store is unavailable", cause);
    }

    /**
     * {@code failure} as a {@link StoreUnavailableException} when it (or a cause) is a connection
     * problem, else unchanged. Blocking waits wrap the cause in a CompletionException.
     */
    public static RuntimeException translate(RuntimeException failure) {
        return isConnectionFailure(failure) ? new StoreUnavailableException(failure) : failure;
    }

    /** Whether {@code failure} or one of its causes says the store could not be reached. */
    public static boolean isConnectionFailure(Throwable failure) {
        if (isPoolBusy(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ClosedChannelException
                    || cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException
                    || isClientConnectionFailure(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code failure} or one of its causes says the client's pool was full (more requests
     * waiting for a connection than it allows): the store is up, this process is busy.
     */
    public static boolean isPoolBusy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
                return true;
            }
        }
        return false;
    }

    // The Vert.x clients report a lost connection or a full pool with plain messages (a full pool
    // with a ConnectionPoolTooBusyException too, which isPoolBusy finds).
    private static boolean isClientConnectionFailure(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getName().startsWith("io.vertx") && message != null
                && (message.startsWith("Connection") || message.contains("connection"));
    }
}
