package dev.arena.service.error;

import dev.arena.service.config.RequestConfig;
import dev.arena.service.health.RedisWatch;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.time.Duration;

/**
 * Applies {@link BoundedWait}: a method's {@code Uni} answer fails with
 * {@link StoreUnavailableException} as soon as {@link RedisWatch} finds Redis stalled, and in any
 * case when it has no item within the request deadline. The work it waited for may still
 * complete later (a Lua script runs once Redis resumes): every change is one atomic step and every
 * request is safe to retry, so a 503 never leaves anything half-done.
 */
@BoundedWait
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class BoundedWaitInterceptor {

    private final Duration deadline;
    private final RedisWatch redis;

    public BoundedWaitInterceptor(RequestConfig config, RedisWatch redis) {
        this.deadline = config.deadline();
        this.redis = redis;
    }

    @AroundInvoke
    Object bound(InvocationContext invocation) throws Exception {
        if (redis.stalled() && Uni.class.isAssignableFrom(invocation.getMethod().getReturnType())) {
            // Not even started: during an outage, retries must not pile up in the Redis client's queue.
            return Uni.createFrom().failure(new StoreUnavailableException(new TimeoutException()));
        }
        Object answer = invocation.proceed();
        if (!(answer instanceof Uni<?> uni)) {
            return answer;
        }
        Uni<Object> answered = uni.onItem().castTo(Object.class);
        Uni<Object> stalled = redis.whenStalled().onItem().castTo(Object.class)
                .onItem().failWith(() -> new StoreUnavailableException(new TimeoutException()));
        return Uni.combine().any().of(answered, stalled)
                .ifNoItem().after(deadline).failWith(() -> new StoreUnavailableException(new TimeoutException()));
    }
}
