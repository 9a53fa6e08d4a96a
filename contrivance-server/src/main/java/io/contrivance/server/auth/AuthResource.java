package io.contrivance.server.auth;

import io.contrivance.server.bootstrap.Settings;
import io.contrivance.server.user.Accounts;
import io.contrivance.server.user.EmailAddresses;
import io.contrivance.server.user.Passwords;
import io.contrivance.server.user.UserEntity;
import io.contrivance.server.user.UserResponse;
import io.contrivance.server.web.ApiException;
import io.contrivance.server.web.ApiResponse;
import io.contrivance.server.web.Checks;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Registration, sign-in, token refresh and sign-out. */
@Path("/auth")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Auth")
public class AuthResource {

  @Inject Accounts accounts;
  @Inject Sessions sessions;
  @Inject Passwords passwords;
  @Inject LoginThrottle throttle;
  @Inject Settings settings;
  @Inject SigningKeys keys;
  @Inject CurrentUser currentUser;

  @Context HttpServletRequest http;

  @POST
  @Path("/register")
  @Public
  @Transactional
  @Operation(
      operationId = "register",
      summary = "Create an account and sign in",
      description = "The first account becomes an admin. With open registration switched off this answers 403 registration_closed; admins then create accounts with POST /api/users.")
  @APIResponse(responseCode = "201", description = "Signed up and signed in", content = @Content(schema = @Schema(implementation = AuthTransfer.TokenAnswer.class)))
  public Response register(AuthTransfer.RegisterRequest body) {
    Checks.body(body);
    if (!settings.openRegistration() && accounts.anyUser()) {
      throw ApiException.forbidden("registration_closed", "Registration is by invitation only; ask an admin to create your account");
    }
    UserEntity user = accounts.create(body.email(), body.password(), body.name());
    return Response.status(Response.Status.CREATED).entity(ApiResponse.of(sessions.start(user))).build();
  }

  @POST
  @Path("/login")
  @Public
  @Operation(operationId = "login", summary = "Sign in with email and password", description = "Rate-limited per account and per address: 429 with Retry-After.")
  public ApiResponse<AuthTransfer.TokenResponse> login(AuthTransfer.LoginRequest body) {
    Checks.body(body);
    new Checks()
        .require(body.email() != null && !body.email().isBlank(), "email", "is required")
        .require(body.password() != null && !body.password().isEmpty(), "password", "is required")
        .orThrow("Email and password are required");
    String email = EmailAddresses.normalize(body.email()).orElse(body.email().strip().toLowerCase(Locale.ROOT));
    throttle.attempt(email, http.getRemoteAddr());
    Optional<UserEntity> user = accounts.findByEmail(email);
    if (user.isEmpty()) {
      passwords.burn(body.password());
      throw badCredentials();
    }
    if (!passwords.matches(body.password(), user.get().passwordHash())) {
      throw badCredentials();
    }
    if (user.get().disabled()) {
      throw ApiException.forbidden("account_disabled", "This account has been disabled by an admin");
    }
    return ApiResponse.of(sessions.start(user.get()));
  }

  @POST
  @Path("/refresh")
  @Public
  @Operation(operationId = "refreshToken", summary = "Exchange a refresh token for new tokens", description = "Each refresh token works once. Reusing one ends its whole session.")
  public ApiResponse<AuthTransfer.TokenResponse> refresh(AuthTransfer.RefreshRequest body) {
    Checks.body(body);
    return ApiResponse.of(sessions.refresh(body.refreshToken()));
  }

  @POST
  @Path("/logout")
  @Authenticated
  @SecurityRequirement(name = "jwt")
  @Operation(operationId = "logout", summary = "End the current session", description = "Its refresh tokens stop working at once, its access tokens within seconds.")
  public ApiResponse<AuthTransfer.LogoutResponse> logout() {
    sessions.end(currentUser.sessionId(), "logout");
    return ApiResponse.of(new AuthTransfer.LogoutResponse(true));
  }

  @GET
  @Path("/validate")
  @Authenticated
  @SecurityRequirement(name = "jwt")
  @Operation(operationId = "getCurrentUser", summary = "The signed-in user")
  public ApiResponse<UserResponse> validate() {
    return ApiResponse.of(accounts.find(currentUser.id()).map(UserResponse::of).orElseThrow(() -> ApiException.notFound("The user")));
  }

  @GET
  @Path("/jwks")
  @Public
  @Operation(operationId = "getJwks", summary = "Public keys that verify access tokens (JWK set)")
  @APIResponse(responseCode = "200", description = "The JWK set", content = @Content(schema = @Schema(implementation = AuthTransfer.Jwks.class)))
  public Response jwks() {
    return Response.ok(keys.publicJwks(), MediaType.APPLICATION_JSON).header("Cache-Control", "max-age=300").build();
  }

  private static ApiException badCredentials() {
    return new ApiException(Response.Status.UNAUTHORIZED, "invalid_credentials", "Email or password is wrong", List.of());
  }
}
