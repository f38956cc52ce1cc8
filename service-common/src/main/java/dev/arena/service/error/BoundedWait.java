package dev.arena.service.error;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bounds the wait of every {@code Uni} a REST resource or socket endpoint answers with to
 * {@code arena.request.deadline}: past it the answer fails with {@link StoreUnavailableException}
 * (503 with Retry-After, or the socket's {@code err unavailable}) instead of hanging for as long as
 * a stalled Redis or PostgreSQL holds it. See {@link BoundedWaitInterceptor}.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface BoundedWait {}
