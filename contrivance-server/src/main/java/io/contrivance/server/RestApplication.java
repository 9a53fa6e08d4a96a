package io.contrivance.server;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API under {@code /api}. Access tokens are RS256 JWTs in the MicroProfile JWT format; every
 * endpoint needs one ({@link io.contrivance.server.auth.Authenticated}) unless it is {@link
 * io.contrivance.server.auth.Public}, and a missing or bad token gets the API's error envelope.
 */
@ApplicationPath("/api")
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
