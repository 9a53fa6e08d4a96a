package io.contrivance.core.collab;

import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.RowId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is in one sheet and where: each connection's user, selected range and whether they are
 * editing, with a color that stays the same for a user wherever they appear. Entries expire when a
 * connection has been silent for longer than the time to live.
 *
 * <p>Thread-safe. Time comes from the given clock, so expiry is testable.
 */
public final class Presence {

  /** Colors that read on light and dark backgrounds, chosen by the user's id. */
  static final List<String> PALETTE =
      List.of("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#46a5a5", "#f032e6", "#808000", "#9a6324", "#800000", "#000075", "#2f7f5f");

  /** A rectangle of cells, from one corner to the other (inclusive). */
  public record Range(RowId fromRow, ColumnId fromColumn, RowId toRow, ColumnId toColumn) {
    public Range {
      Objects.requireNonNull(fromRow, "fromRow");
      Objects.requireNonNull(fromColumn, "fromColumn");
      Objects.requireNonNull(toRow, "toRow");
      Objects.requireNonNull(toColumn, "toColumn");
    }

    /** One cell. */
    public static Range cell(RowId row, ColumnId column) {
      return new Range(row, column, row, column);
    }
  }

  /**
   * One connection in the sheet.
   *
   * @param connection the connection's id (a user may have several)
   * @param user the user's id
   * @param name the user's display name
   * @param color the user's color
   * @param selection the selected range, if any
   * @param editing whether they are editing the selected cell
   * @param seen when the connection was last heard from
   */
  public record Entry(String connection, String user, String name, String color, Optional<Range> selection, boolean editing, Instant seen) {
    public Entry {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(selection, "selection");
    }
  }

  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  public Presence(Clock clock, Duration ttl) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("time to live must be positive, was " + ttl);
    }
    this.ttl = ttl;
  }

  /** The color of a user: the same on every server and in every sheet. */
  public static String colorOf(String user) {
    int hash = 0x811c9dc5;
    for (int i = 0; i < user.length(); i++) {
      hash = (hash ^ user.charAt(i)) * 0x01000193;
    }
    return PALETTE.get(Math.floorMod(hash, PALETTE.size()));
  }

  /** A connection joins (or rejoins): no selection yet. */
  public synchronized Entry join(String connection, String user, String name) {
    Entry entry = new Entry(connection, user, name, colorOf(user), Optional.empty(), false, clock.instant());
    entries.put(connection, entry);
    return entry;
  }

  /** A connection's selection and editing state changed; empty if it is not (or no longer) present. */
  public synchronized Optional<Entry> update(String connection, Optional<Range> selection, boolean editing) {
    Entry old = entries.get(connection);
    if (old == null) {
      return Optional.empty();
    }
    Entry entry = new Entry(connection, old.user(), old.name(), old.color(), selection, editing && selection.isPresent(), clock.instant());
    entries.put(connection, entry);
    return Optional.of(entry);
  }

  /** The connection was heard from (any message counts); false if it is not present (it expired, say). */
  public synchronized boolean touch(String connection) {
    return entries.computeIfPresent(
            connection, (key, e) -> new Entry(e.connection(), e.user(), e.name(), e.color(), e.selection(), e.editing(), clock.instant()))
        != null;
  }

  /** A connection leaves; the entry it had, if any. */
  public synchronized Optional<Entry> leave(String connection) {
    return Optional.ofNullable(entries.remove(connection));
  }

  /** Removes and returns the entries not heard from within the time to live. */
  public synchronized List<Entry> expire() {
    Instant cutoff = clock.instant().minus(ttl);
    var expired = new ArrayList<Entry>();
    entries.values().removeIf(e -> {
      if (e.seen().isBefore(cutoff)) {
        expired.add(e);
        return true;
      }
      return false;
    });
    return expired;
  }

  /** Everyone present, in order of arrival. */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /** Whether the user has at least one connection here. */
  public synchronized boolean contains(String user) {
    return entries.values().stream().anyMatch(e -> e.user().equals(user));
  }

  /** Everyone present, one entry per user (their latest), sorted by name: for a list of avatars. */
  public synchronized List<Entry> people() {
    Map<String, Entry> byUser = new LinkedHashMap<>();
    for (Entry e : entries.values()) {
      Entry other = byUser.get(e.user());
      if (other == null || e.seen().isAfter(other.seen())) {
        byUser.put(e.user(), e);
      }
    }
    var people = new ArrayList<>(byUser.values());
    people.sort(Comparator.comparing(Entry::name).thenComparing(Entry::user));
    return people;
  }
}
