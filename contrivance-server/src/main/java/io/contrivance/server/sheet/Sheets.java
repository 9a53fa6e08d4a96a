package io.contrivance.server.sheet;

import io.contrivance.core.Sheet;
import io.contrivance.core.Workbook;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.server.auth.CurrentUser;
import io.contrivance.server.bootstrap.Database;
import io.contrivance.server.plugin.PluginHost;
import io.contrivance.server.web.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's workbook: the core engine over {@link JdbcSheetStore}, plus who may touch which
 * sheet. Sheets handed out carry the caller as the author of their edits; the store writes each
 * change, its op-log entry and its audit entries in one transaction.
 */
@ApplicationScoped
public class Sheets {

  @Inject JdbcSheetStore store;

  @Inject Database db;
  @Inject CurrentUser currentUser;
  @Inject Clock clock;

  private Workbook workbook;

  @PostConstruct
  void init() {
    workbook = Workbook.builder().store(store).ids(RowIds.SOURCE).clock(clock).build();
  }

  public Workbook workbook() {
    return workbook;
  }

  /** A plugin's column types came or went: columns are built again from the types available now. */
  void typesChanged(@Observes PluginHost.TypesChanged changed) {
    store.forgetSchemas();
    if (workbook != null) {
      workbook.reloadSchemas();
    }
  }

  /**
   * The sheet, if the current user may see it with at least the given role. A sheet the user may
   * not see at all is reported as not found, so that its existence does not leak.
   */
  public Sheet open(String id, SheetRole needed) {
    return access(id, needed).sheet();
  }

  /** A sheet together with the caller's role on it, checked as in {@link #open}. */
  public record Access(Sheet sheet, SheetRole role) {}

  /** As {@link #open}, also telling the caller's role (one lookup for both). */
  public Access access(String id, SheetRole needed) {
    SheetRole role = roleOf(id).orElseThrow(() -> ApiException.notFound("The spreadsheet"));
    if (!role.atLeast(needed)) {
      throw ApiException.forbidden("forbidden", "As " + (role == SheetRole.EDITOR ? "an " : "a ") + role.wire() + " of this spreadsheet you may not do this");
    }
    Sheet sheet = workbook.open(SheetId.of(id)).orElseThrow(() -> ApiException.notFound("The spreadsheet"));
    return new Access(sheet.as(Origin.user(currentUser.id())), role);
  }

  /** The current user's role on a sheet, if any. */
  private Optional<SheetRole> roleOf(String id) {
    return roleOf(currentUser.id(), id);
  }

  /** How long a role is remembered: sharing changed on another instance shows within this. */
  static final long ROLE_TTL_MILLIS = 2_000;

  private record CachedRole(Optional<SheetRole> role, long until) {}

  private final Map<String, Map<String, CachedRole>> roles = new ConcurrentHashMap<>();

  /** A user's role on a sheet, if any (for callers outside a request, such as sockets); cached briefly. */
  public Optional<SheetRole> roleOf(String userId, String id) {
    long now = clock.millis();
    var perSheet = roles.computeIfAbsent(id == null ? "" : id, k -> new ConcurrentHashMap<>());
    CachedRole cached = perSheet.get(userId);
    if (cached != null && cached.until() > now) {
      return cached.role();
    }
    if (roles.size() > 50_000) {
      roles.clear();
    }
    Optional<SheetRole> role = queryRole(userId, id);
    perSheet.put(userId, new CachedRole(role, now + ROLE_TTL_MILLIS));
    return role;
  }

  /** Forgets the roles known for a sheet (its sharing changed here). */
  public void forgetRoles(String sheetId) {
    roles.remove(sheetId);
  }

  private Optional<SheetRole> queryRole(String userId, String id) {
    if (id == null || id.length() > 36) {
      return Optional.empty();
    }
    List<String> roles =
        db.read(
            "select case when s.owner_id = ? then 'OWNER' else c.role end from spreadsheets s "
                + "left join collaborators c on c.sheet_id = s.id and c.user_id = ? where s.id = ?",
            ps -> {
              ps.setString(1, userId);
              ps.setString(2, userId);
              ps.setString(3, id);
            },
            rs -> rs.getString(1));
    return roles.stream().filter(Objects::nonNull).findFirst().map(r -> SheetRole.valueOf(r.toUpperCase(Locale.ROOT)));
  }

}
