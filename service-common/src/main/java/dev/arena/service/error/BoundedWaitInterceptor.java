package dev.arena.service.error;

import dev.arena.service.config.RequestConfig;
import dev.arena.service.health.StoreWatch;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Applies {@link BoundedWait}: a method's {@code Uni} answer fails with
 * {@link StoreUnavailableException} as soon as a {@link StoreWatch} finds one of the stores it
 * needs stalled, and in any case when it has no item within the request deadline. The work it
 * waited for may still complete later (a Lua script runs once Redis resumes): every change is one
 * atomic step and every request is safe to retry, so a 503 never leaves anything half-done.
 */
@BoundedWait
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class BoundedWaitInterceptor {

    private final Duration deadline;
    private final List<StoreWatch> watches = new ArrayList<>();

    public BoundedWaitInterceptor(RequestConfig config, @Any Instance<StoreWatch> watches) {
        this.deadline = config.deadline();
        watches.forEach(this.watches::add);
    }

    @AroundInvoke
    Object bound(InvocationContext invocation) throws Exception {
        if (!Uni.class.isAssignableFrom(invocation.getMethod().getReturnType())) {
            return invocation.proceed();
        }
        Set<?> needed = Set.of(invocation.getInterceptorBinding(BoundedWait.class).stores());
        List<Uni<Object>> stalls = new ArrayList<>();
        for (StoreWatch watch : watches) {
            if (!needed.contains(watch.store())) {
                continue;
            }
            if (watch.stalled()) {
                // Not even started: during an outage, retries must not pile up in the store client's queue.
                return Uni.createFrom().failure(unavailable());
            }
            stalls.add(watch.whenStalled().onItem().castTo(Object.class).onItem().failWith(BoundedWaitInterceptor::unavailable));
        }
        Uni<Object> answered = ((Uni<?>) invocation.proceed()).onItem().castTo(Object.class);
        stalls.add(0, answered);
        return Uni.combine().any().of(stalls).ifNoItem().after(deadline).failWith(BoundedWaitInterceptor::unavailable);
    }

    private static StoreUnavailableException unavailable() {
        return new StoreUnavailableException(new TimeoutException());
    }
}
