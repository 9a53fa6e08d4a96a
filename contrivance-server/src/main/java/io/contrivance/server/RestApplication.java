package io.contrivance.server;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API under {@code /api}. Access tokens are MicroProfile JWTs; which endpoints need one is
 * decided by {@link io.contrivance.server.auth.Authenticated}, so that a missing or bad token gets the
 * API's own error envelope rather than the container's.
 */
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Contrivance API",
            version = "0.1.0",
            description =
                "Sales pipeline CRM on a collaborative spreadsheet. Every response is an envelope: "
                    + "{\"success\":true,\"data\":…} or {\"success\":false,\"error\":{\"code\",\"message\",\"details\":[{\"field\",\"message\"}]}}."))
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class RestApplication extends Application {}
