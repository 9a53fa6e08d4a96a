package io.contrivance.server.notify;

import io.contrivance.server.auth.Authenticated;
import io.contrivance.server.auth.CurrentUser;
import io.contrivance.server.web.ApiException;
import io.contrivance.server.web.ApiResponse;
import io.contrivance.server.web.Checks;
import io.contrivance.server.web.Paging;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own notifications and how they want them delivered. */
@Path("/notifications")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "Notifications")
public class NotificationsResource {

  @Inject Notifications notifications;
  @Inject CurrentUser currentUser;

  /** A page of notifications, newest first, and how many of all are unread. */
  public record Inbox(List<Notifications.Stored> notifications, long unreadCount) {}

  public record InboxAnswer(boolean success, Inbox data) {}

  public record NotificationAnswer(boolean success, Notifications.Stored data) {}

  /** After marking all read: how many were unread. */
  public record Marked(int marked, long unreadCount) {}

  public record MarkedAnswer(boolean success, Marked data) {}

  /** Delivery per category, and the deliveries one may choose. */
  public record Preferences(Map<String, String> preferences, List<String> options) {}

  public record PreferencesAnswer(boolean success, Preferences data) {}

  @GET
  @Operation(operationId = "listNotifications", summary = "The caller's notifications, newest first (limit 1–200, default 50; optionally one category, or only unread ones), with the unread count")
  @APIResponse(responseCode = "200", description = "The notifications", content = @Content(schema = @Schema(implementation = InboxAnswer.class)))
  public ApiResponse<Inbox> list(@QueryParam("limit") String limit, @QueryParam("category") String category, @QueryParam("unread") String unread) {
    Checks checks = new Checks();
    int most = Paging.limit(limit, 50, 200, checks);
    String wanted = category == null || category.isBlank() ? null : category.strip();
    checks.require(wanted == null || Category.ALL.contains(wanted), "category", "must be one of " + String.join(", ", Category.ALL));
    checks.require(unread == null || unread.isBlank() || unread.equals("true") || unread.equals("false"), "unread", "must be true or false");
    checks.orThrow("The query has invalid parameters");
    String user = currentUser.id();
    return ApiResponse.of(new Inbox(notifications.list(user, most, wanted, "true".equals(unread)), notifications.unreadCount(user)));
  }

  @PUT
  @Path("/{id}/read")
  @Transactional
  @Operation(operationId = "markNotificationRead", summary = "Mark one of the caller's notifications read")
  @APIResponse(responseCode = "200", description = "Read", content = @Content(schema = @Schema(implementation = NotificationAnswer.class)))
  public ApiResponse<Notifications.Stored> read(@PathParam("id") String id) {
    String user = currentUser.id();
    ApiException.unlessFound(notifications.markRead(user, id), "The notification");
    return ApiResponse.of(notifications.get(user, id).orElseThrow());
  }

  @PUT
  @Path("/mark-all-read")
  @Transactional
  @Operation(operationId = "markAllNotificationsRead", summary = "Mark all of the caller's notifications read")
  @APIResponse(responseCode = "200", description = "Read", content = @Content(schema = @Schema(implementation = MarkedAnswer.class)))
  public ApiResponse<Marked> readAll() {
    return ApiResponse.of(new Marked(notifications.markAllRead(currentUser.id()), 0));
  }

  @GET
  @Path("/preferences")
  @Operation(operationId = "getNotificationPreferences", summary = "How the caller wants each category delivered: in_app, email (at once), digest (daily) or off")
  @APIResponse(responseCode = "200", description = "The preferences", content = @Content(schema = @Schema(implementation = PreferencesAnswer.class)))
  public ApiResponse<Preferences> preferences() {
    return ApiResponse.of(new Preferences(notifications.preferences(currentUser.id()), Category.DELIVERIES));
  }

  @PUT
  @Path("/preferences")
  @Transactional
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "setNotificationPreferences", summary = "Set the delivery of some categories: {\"preferences\": {\"sharing\": \"digest\", …}} (or the map alone); others keep theirs")
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Preferences.class), examples = @ExampleObject(name = "digest for shares", value = "{\"preferences\":{\"sharing\":\"digest\",\"deal_stage\":\"off\"}}")))
  @APIResponse(responseCode = "200", description = "The preferences now", content = @Content(schema = @Schema(implementation = PreferencesAnswer.class)))
  public ApiResponse<Preferences> setPreferences(JsonObject body) {
    Checks.body(body);
    JsonObject map = body.get("preferences") instanceof JsonObject inner ? inner : body;
    Checks checks = new Checks();
    Map<String, String> changes = new LinkedHashMap<>();
    map.forEach((category, value) -> {
      if (!Category.ALL.contains(category)) {
        checks.add(category, "is not a category; the categories are " + String.join(", ", Category.ALL));
      } else if (!(value instanceof JsonString text) || !Category.DELIVERIES.contains(text.getString())) {
        checks.add(category, "must be one of " + String.join(", ", Category.DELIVERIES));
      } else {
        changes.put(category, text.getString());
      }
    });
    checks.require(!map.isEmpty(), "preferences", "name at least one category");
    checks.orThrow("The preferences have invalid fields");
    notifications.setPreferences(currentUser.id(), changes);
    return ApiResponse.of(new Preferences(notifications.preferences(currentUser.id()), Category.DELIVERIES));
  }
}
