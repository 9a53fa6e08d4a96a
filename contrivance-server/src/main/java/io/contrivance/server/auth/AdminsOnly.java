package io.contrivance.server.auth;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The resource or method is for admins: {@link AdminFilter} answers anyone else 403 before the
 * request's body is read (a plugin upload is up to 50 MB, not worth reading for someone who may
 * not send it). Goes with {@link Authenticated}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminsOnly {}
