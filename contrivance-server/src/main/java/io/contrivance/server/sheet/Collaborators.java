package io.contrivance.server.sheet;

import static io.contrivance.server.bootstrap.Database.params;

import io.contrivance.server.bootstrap.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/** Who a sheet is shared with ({@code collaborators}), next to its owner. */
@ApplicationScoped
public class Collaborators {

  @Inject Database db;
  @Inject Clock clock;

  /** Someone with a role in a sheet: {@code owner}, {@code editor} or {@code viewer}. */
  public record Collaborator(String userId, String email, String name, String role) {}

  /** The owner first, then editors and viewers by name. */
  public List<Collaborator> of(String sheetId) {
    return db.query(
        "select u.id, u.email, u.name, 'owner' from spreadsheets s join users u on u.id = s.owner_id where s.id = ? "
            + "union all select u.id, u.email, u.name, c.role from collaborators c join users u on u.id = c.user_id where c.sheet_id = ? order by 4 desc, 3",
        params(sheetId, sheetId),
        rs -> new Collaborator(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
  }

  /** Shares the sheet with the user in the role, or changes their role; false if they had that role already. */
  boolean share(String sheetId, String userId, String role) {
    return db.update(
            "insert into collaborators (sheet_id, user_id, role, created_at) values (?, ?, ?, ?) "
                + "on conflict (sheet_id, user_id) do update set role = excluded.role where collaborators.role <> excluded.role",
            params(sheetId, userId, role, Timestamp.from(clock.instant())))
        > 0;
  }

  /** Stops sharing; false if the user had no role in it. */
  boolean unshare(String sheetId, String userId) {
    return db.update("delete from collaborators where sheet_id = ? and user_id = ?", params(sheetId, userId)) > 0;
  }
}
