package io.contrivance.server.sheet;

import static io.contrivance.server.bootstrap.Database.params;

import io.contrivance.server.bootstrap.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Which sheets a user sees (owned or shared with them), and the read-only public links: the rows of
 * {@code spreadsheets} read as a directory rather than as sheets.
 */
@ApplicationScoped
public class SheetDirectory {

  private static final SecureRandom PUBLIC_LINK_RANDOM = new SecureRandom();

  @Inject Database db;

  /** A sheet as it is listed: the caller's role in it and when it last changed. */
  public record SheetSummary(String id, String name, String description, String role, String updatedAt, String ownerId) {}

  private static final String VISIBLE =
      "from spreadsheets s left join collaborators c on c.sheet_id = s.id and c.user_id = ? where s.owner_id = ? or c.user_id is not null";

  /** The sheets the user owns or that are shared with them, most recently changed first. */
  List<SheetSummary> visibleTo(String userId, int limit, long offset) {
    return db.query(
        "select s.id, s.name, s.description, case when s.owner_id = ? then 'owner' else c.role end, s.updated_at, s.owner_id "
            + VISIBLE
            + " order by s.updated_at desc, s.id limit ? offset ?",
        params(userId, userId, userId, limit, offset),
        rs -> new SheetSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), SheetViews.time(rs, 5), rs.getString(6)));
  }

  long countVisibleTo(String userId) {
    return db.query(
            "select count(*) " + VISIBLE,
            params(userId, userId),
            rs -> rs.getLong(1))
        .get(0);
  }

  /** Every sheet's id, for the jobs that look over all of them. */
  public List<String> allIds() {
    return db.read("select id from spreadsheets order by id", Database.params(), rs -> rs.getString(1));
  }

  /** Turns on a new public link for the sheet (replacing any old one) and returns its token. */
  String enablePublicLink(String sheetId) {
    byte[] secret = new byte[24];
    PUBLIC_LINK_RANDOM.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    db.update("update spreadsheets set public_token = ? where id = ?", params(token, sheetId));
    return token;
  }

  void disablePublicLink(String sheetId) {
    db.update("update spreadsheets set public_token = null where id = ?", params(sheetId));
  }

  /** The sheet a public link opens, if the link is on. */
  Optional<String> sheetOfPublicLink(String token) {
    return db.query("select id from spreadsheets where public_token = ?", params(token), rs -> rs.getString(1)).stream().findFirst();
  }
}
