package io.contrivance.server.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint answers without an access token (signing in, the public key, public links). Every
 * other endpoint is {@link Authenticated}; a test fails the build for an endpoint that is neither.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Public {}
