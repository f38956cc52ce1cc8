package dev.arena.service.error;

import dev.arena.service.config.RequestConfig;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.time.Duration;

/**
 * Applies {@link BoundedWait}: a method's {@code Uni} answer fails with
 * {@link StoreUnavailableException} when it has no item within the deadline. The work it waited
 * for may still complete later (a Lua script runs once Redis resumes): every change is one atomic
 * step and every request is safe to retry, so a 503 never leaves anything half-done.
 */
@BoundedWait
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class BoundedWaitInterceptor {

    private final Duration deadline;

    public BoundedWaitInterceptor(RequestConfig config) {
        this.deadline = config.deadline();
    }

    @AroundInvoke
    Object bound(InvocationContext invocation) throws Exception {
        Object answer = invocation.proceed();
        if (answer instanceof Uni<?> uni) {
            return uni.ifNoItem().after(deadline)
                    .failWith(() -> new StoreUnavailableException(new TimeoutException()));
        }
        return answer;
    }
}
