package dev.arena.service.error;

import dev.arena.service.health.Store;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bounds the wait of every {@code Uni} a REST resource or socket endpoint answers with: it fails
 * with {@link StoreUnavailableException} (503 with Retry-After, or the socket's
 * {@code err unavailable}) as soon as one of the {@link #stores()} it needs is found stalled, and
 * in any case past {@code arena.request.deadline}, instead of hanging for as long as a stalled
 * store holds it. See {@link BoundedWaitInterceptor}.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface BoundedWait {

    /** The stores the method waits on: a stall of another one does not concern it. */
    @Nonbinding
    Store[] stores() default Store.REDIS;
}
