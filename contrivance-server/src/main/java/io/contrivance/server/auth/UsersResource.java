package io.contrivance.server.auth;

import io.contrivance.server.user.Accounts;
import io.contrivance.server.user.EmailAddresses;
import io.contrivance.server.user.Passwords;
import io.contrivance.server.user.Role;
import io.contrivance.server.user.UserEntity;
import io.contrivance.server.user.UserResponse;
import io.contrivance.server.web.ApiError;
import io.contrivance.server.web.ApiException;
import io.contrivance.server.web.ApiResponse;
import io.contrivance.server.web.Checks;
import io.contrivance.server.web.Deleted;
import io.contrivance.server.web.Paging;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Finding and managing users. Anyone signed in may search (to share sheets); changes are for the user themself or an admin. */
@Path("/users")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "Users")
public class UsersResource {

  static final int MAX_LIMIT = 100;

  @Inject Accounts accounts;
  @Inject CurrentUser currentUser;
  @Inject Passwords passwords;
  @Inject Sessions sessions;

  /** Changes to a user; absent fields stay as they are. */
  public record UpdateUserRequest(String name, String email, String password, String currentPassword, String role, Boolean disabled) {}

  /** The answer that carries one user. */
  public record UserAnswer(boolean success, UserResponse data) {}

  @POST
  @Transactional
  @Operation(operationId = "createUser", summary = "Create an account (admins)", description = "How accounts are made when open registration is switched off. The new user signs in with the password given.")
  @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = UserAnswer.class)))
  public Response create(AuthTransfer.RegisterRequest body) {
    if (!currentUser.isAdmin()) {
      throw ApiException.forbidden("forbidden", "Only an admin may create accounts");
    }
    Checks.body(body);
    UserEntity user = accounts.create(body.email(), body.password(), body.name());
    return Response.status(Response.Status.CREATED).entity(ApiResponse.of(UserResponse.of(user))).build();
  }

  @GET
  @Operation(operationId = "searchUsers", summary = "Search users by email or name, one page at a time")
  public ApiResponse<List<UserResponse>> search(
      @QueryParam("q") @DefaultValue("") String q,
      @QueryParam("page") String pageText,
      @QueryParam("limit") String limitText) {
    Paging paging = Paging.of(pageText, limitText, 20, MAX_LIMIT);
    new Checks().require(q.length() <= 200, "q", "must have at most 200 characters").orThrow("The query has invalid parameters");
    List<UserResponse> users =
        accounts.search(q, (int) Math.min(Integer.MAX_VALUE, paging.offset()), paging.limit()).stream().map(UserResponse::of).toList();
    return ApiResponse.page(users, paging.pagination(accounts.count(q)));
  }

  @GET
  @Path("/{id}")
  @Operation(operationId = "getUser", summary = "One user")
  public ApiResponse<UserResponse> get(@PathParam("id") String id) {
    return ApiResponse.of(UserResponse.of(existing(id)));
  }

  @PUT
  @Path("/{id}")
  @Transactional
  @Operation(operationId = "updateUser", summary = "Change a user", description = "Name, email and password (with current_password) by the user themself or an admin; role and disabled by an admin only.")
  public ApiResponse<UserResponse> update(@PathParam("id") String id, UpdateUserRequest body) {
    Checks.body(body);
    currentUser.requireSelfOrAdmin(id);
    UserEntity user = existing(id);
    OffsetDateTime now = accounts.now();
    Checks checks = new Checks();
    boolean self = currentUser.id().equals(id);
    if ((body.role() != null || body.disabled() != null) && !currentUser.isAdmin()) {
      throw ApiException.forbidden("forbidden", "Only an admin may change roles or disable accounts");
    }
    Optional<String> email = body.email() == null ? Optional.empty() : EmailAddresses.normalize(body.email());
    checks.require(body.email() == null || email.isPresent(), "email", "must be an email address");
    checks.require(body.name() == null || (!body.name().isBlank() && body.name().strip().length() <= 200), "name", "must have 1 to 200 characters");
    checks.require(body.role() == null || body.role().equals("admin") || body.role().equals("user"), "role", "must be admin or user");
    if (body.password() != null) {
      passwords.problems(body.password(), email.orElse(user.email())).forEach(p -> checks.add("password", p));
      if (self && (body.currentPassword() == null || !passwords.matches(body.currentPassword(), user.passwordHash()))) {
        checks.add("current_password", "is wrong");
      }
    }
    checks.orThrow("The changes have invalid fields");
    if (email.isPresent() && !email.get().equals(user.email())) {
      if (accounts.findByEmail(email.get()).isPresent()) {
        throw new ApiException(
            Response.Status.CONFLICT, "email_taken", "An account with this email exists already", List.of(ApiError.Detail.of("email", "is already registered")));
      }
      user.changeEmail(email.get(), now);
    }
    if (body.name() != null) {
      user.rename(body.name().strip(), now);
    }
    boolean demoting = body.role() != null && Role.fromWire(body.role()) == Role.USER && user.role() == Role.ADMIN;
    boolean disabling = Boolean.TRUE.equals(body.disabled()) && !user.disabled() && user.role() == Role.ADMIN;
    if ((demoting || disabling) && accounts.countAdmins() <= 1) {
      throw ApiException.conflict("last_admin", "The last admin cannot be demoted or disabled");
    }
    if (body.role() != null) {
      user.changeRole(Role.fromWire(body.role()), now);
    }
    if (body.disabled() != null) {
      user.setDisabled(body.disabled(), now);
    }
    if (body.password() != null) {
      user.changePassword(passwords.hash(body.password()), now);
    }
    if (Boolean.TRUE.equals(body.disabled()) || body.password() != null || body.role() != null) {
      sessions.endAll(id, body.password() != null ? "password_changed" : "account_changed");
    }
    return ApiResponse.of(UserResponse.of(user));
  }

  @DELETE
  @Path("/{id}")
  @Transactional
  @Operation(operationId = "deleteUser", summary = "Delete a user (themself or by an admin)")
  public ApiResponse<Deleted> delete(@PathParam("id") String id) {
    currentUser.requireSelfOrAdmin(id);
    UserEntity user = existing(id);
    if (user.role() == Role.ADMIN && !user.disabled() && accounts.countAdmins() <= 1) {
      throw ApiException.conflict("last_admin", "The last admin cannot be deleted");
    }
    sessions.endAll(id, "account_deleted");
    accounts.remove(user);
    return ApiResponse.of(new Deleted(id, true));
  }

  private UserEntity existing(String id) {
    return accounts.find(id).orElseThrow(() -> ApiException.notFound("The user"));
  }
}
