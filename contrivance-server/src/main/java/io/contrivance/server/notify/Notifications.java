package io.contrivance.server.notify;

import static io.contrivance.server.bootstrap.Database.params;

import io.contrivance.server.bootstrap.Database;
import io.contrivance.server.job.JobRequest;
import io.contrivance.server.job.Jobs;
import io.contrivance.server.plugin.PluginHost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code notifications} and {@code notification_preferences} tables. */
@ApplicationScoped
public class Notifications {

  @Inject Database db;
  @Inject Clock clock;
  @Inject Jobs jobs;
  @Inject Event<Told> told;
  @Inject PluginHost plugins;

  /** Something to tell someone; {@code dedupeKey} (optional) makes it be told once. */
  public record Notice(String userId, String category, String title, String body, String link, String sheetId, String actorId, String dedupeKey) {}

  /** A notification as its person sees it. */
  public record Stored(String id, String category, String title, String body, String link, String sheetId, String actorId, Instant createdAt, Instant readAt, boolean read) {}

  /** A notification was stored for a user; fired in the transaction that stored it. */
  public record Told(String userId, Stored notification) {}

  private static final String COLUMNS = "id, category, title, body, link, sheet_id, actor_id, created_at, read_at";

  /**
   * Stores the notice as the person's preference for its category says: not at all if it is off
   * (or if a notice with the same dedupe key was told already), and with an email job if they want
   * email at once. In the caller's transaction.
   */
  public Optional<Stored> tell(Notice notice) {
    String delivery = preferences(notice.userId()).get(notice.category());
    if ("off".equals(delivery)) {
      return Optional.empty();
    }
    String id = UUID.randomUUID().toString();
    Instant now = clock.instant();
    int inserted =
        db.update(
            "insert into notifications (id, user_id, category, title, body, link, sheet_id, actor_id, delivery, dedupe_key, created_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (user_id, dedupe_key) do nothing",
            params(id, notice.userId(), notice.category(), clip(notice.title(), 300), notice.body(), notice.link(), notice.sheetId(), notice.actorId(), delivery, notice.dedupeKey(), Timestamp.from(now)));
    if (inserted == 0) {
      return Optional.empty();
    }
    if ("email".equals(delivery) && plugins.channel("email").isPresent()) {
      jobs.enqueue(JobRequest.of(EmailJobs.SEND, id).onQueue("email").idempotencyKey(EmailJobs.SEND + ":" + id));
    }
    Stored stored = new Stored(id, notice.category(), clip(notice.title(), 300), notice.body(), notice.link(), notice.sheetId(), notice.actorId(), now, null, false);
    told.fire(new Told(notice.userId(), stored));
    return Optional.of(stored);
  }

  private static String clip(String text, int most) {
    return text.length() <= most ? text : text.substring(0, most - 1) + "…";
  }

  /** Newest first; {@code category} null for all. */
  public List<Stored> list(String userId, int limit, String category, boolean unreadOnly) {
    return db.query(
        "select " + COLUMNS + " from notifications where user_id = ? and (cast(? as varchar) is null or category = ?) and (not ? or read_at is null) "
            + "order by created_at desc, id desc limit ?",
        params(userId, category, category, unreadOnly, limit),
        Notifications::stored);
  }

  public long unreadCount(String userId) {
    return db.query("select count(*) from notifications where user_id = ? and read_at is null", params(userId), rs -> rs.getLong(1)).get(0);
  }

  public Optional<Stored> get(String userId, String id) {
    return db.query("select " + COLUMNS + " from notifications where user_id = ? and id = ?", params(userId, id), Notifications::stored).stream().findFirst();
  }

  /** Marks one of the user's notifications read (again: no change); false if they have none by that id. */
  public boolean markRead(String userId, String id) {
    db.update("update notifications set read_at = ? where user_id = ? and id = ? and read_at is null", params(Timestamp.from(clock.instant()), userId, id));
    return get(userId, id).isPresent();
  }

  /** Marks all of the user's notifications read; returns how many were unread. */
  public int markAllRead(String userId) {
    return db.update("update notifications set read_at = ? where user_id = ? and read_at is null", params(Timestamp.from(clock.instant()), userId));
  }

  /** How the user wants each category delivered, defaults filled in, in {@link Category#ALL} order. */
  public Map<String, String> preferences(String userId) {
    Map<String, String> chosen = new LinkedHashMap<>();
    db.query("select category, delivery from notification_preferences where user_id = ?", params(userId), rs -> chosen.put(rs.getString(1), rs.getString(2)));
    Map<String, String> all = new LinkedHashMap<>();
    for (String category : Category.ALL) {
      all.put(category, chosen.getOrDefault(category, Category.DEFAULTS.get(category)));
    }
    return all;
  }

  /** Sets the given categories' deliveries (checked by the caller); others keep theirs. */
  public void setPreferences(String userId, Map<String, String> deliveries) {
    db.batch(
        "insert into notification_preferences (user_id, category, delivery) values (?, ?, ?) on conflict (user_id, category) do update set delivery = excluded.delivery",
        List.copyOf(deliveries.entrySet()),
        (ps, e) -> {
          ps.setString(1, userId);
          ps.setString(2, e.getKey());
          ps.setString(3, e.getValue());
        });
  }

  /** A notification with its recipient, for a channel. */
  record ForDelivery(Stored notification, String userId, String email, String name) {}

  Optional<ForDelivery> forDelivery(String id) {
    return db.read(
            "select n.id, n.category, n.title, n.body, n.link, n.sheet_id, n.actor_id, n.created_at, n.read_at, u.id, u.email, u.name "
                + "from notifications n join users u on u.id = n.user_id where n.id = ? and not u.disabled",
            params(id),
            rs -> new ForDelivery(stored(rs), rs.getString(10), rs.getString(11), rs.getString(12)))
        .stream()
        .findFirst();
  }

  /** Users with digest notifications not yet sent that were made before the cutoff. */
  List<String> usersWithDigest(Instant before) {
    return db.read(
        "select distinct user_id from notifications where delivery = 'digest' and digested_at is null and created_at < ?",
        params(Timestamp.from(before)),
        rs -> rs.getString(1));
  }

  /** One user's digest notifications not yet sent, made before the cutoff, oldest first. */
  List<ForDelivery> digestOf(String userId, Instant before) {
    return db.read(
        "select n.id, n.category, n.title, n.body, n.link, n.sheet_id, n.actor_id, n.created_at, n.read_at, u.id, u.email, u.name "
            + "from notifications n join users u on u.id = n.user_id where n.user_id = ? and n.delivery = 'digest' and n.digested_at is null and n.created_at < ? "
            + "and not u.disabled order by n.created_at, n.id",
        params(userId, Timestamp.from(before)),
        rs -> new ForDelivery(stored(rs), rs.getString(10), rs.getString(11), rs.getString(12)));
  }

  void markDigested(List<String> ids) {
    db.batch("update notifications set digested_at = ? where id = ?", ids, (ps, id) -> {
      ps.setTimestamp(1, Timestamp.from(clock.instant()));
      ps.setString(2, id);
    });
  }

  /** Read notifications older than the first cutoff and any older than the second go. */
  int purge(Instant readBefore, Instant anyBefore) {
    return db.write("delete from notifications where (read_at is not null and created_at < ?) or created_at < ?", params(Timestamp.from(readBefore), Timestamp.from(anyBefore)));
  }

  private static Stored stored(ResultSet rs) throws SQLException {
    Timestamp read = rs.getTimestamp(9);
    return new Stored(
        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
        rs.getTimestamp(8).toInstant(), read == null ? null : read.toInstant(), read != null);
  }
}
