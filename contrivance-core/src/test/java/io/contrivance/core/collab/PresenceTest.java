package io.contrivance.core.collab;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.RowId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PresenceTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-23T09:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final Presence presence = new Presence(clock, Duration.ofSeconds(30));

  @Test
  void aUserKeepsTheSameColorEverywhere() {
    String color = presence.join("c1", "ann", "Ann").color();
    assertThat(presence.join("c2", "ann", "Ann").color()).isEqualTo(color).isEqualTo(Presence.colorOf("ann"));
    assertThat(Presence.PALETTE).contains(color);
  }

  @Test
  void selectionAndEditingAreTrackedPerConnection() {
    presence.join("c1", "ann", "Ann");
    var range = Presence.Range.cell(RowId.of("r1"), ColumnId.of("stage"));
    var entry = presence.update("c1", Optional.of(range), true).orElseThrow();
    assertThat(entry.selection()).contains(range);
    assertThat(entry.editing()).isTrue();
    // Without a selection one cannot be editing.
    assertThat(presence.update("c1", Optional.empty(), true).orElseThrow().editing()).isFalse();
    assertThat(presence.update("nobody", Optional.of(range), false)).isEmpty();
  }

  @Test
  void silentConnectionsExpire_othersStay() {
    presence.join("c1", "ann", "Ann");
    presence.join("c2", "bob", "Bob");
    clock.now = clock.now.plusSeconds(20);
    presence.touch("c2");
    clock.now = clock.now.plusSeconds(15);
    assertThat(presence.expire()).extracting(Presence.Entry::user).containsExactly("ann");
    assertThat(presence.entries()).extracting(Presence.Entry::user).containsExactly("bob");
  }

  @Test
  void peopleListsEachUserOnce_byName() {
    presence.join("c1", "u2", "Zoe");
    presence.join("c2", "u1", "Ann");
    presence.join("c3", "u2", "Zoe");
    assertThat(presence.people()).extracting(Presence.Entry::name).containsExactly("Ann", "Zoe");
    presence.leave("c1");
    assertThat(presence.contains("u2")).isTrue();
    presence.leave("c3");
    assertThat(presence.contains("u2")).isFalse();
  }
}
