package io.contrivance.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomOrderTest {

  private final List<String> delivered = new ArrayList<>();
  private final List<String> log = List.of("e1", "e2", "e3", "e4", "e5", "e6");
  private final List<long[]> logReads = new ArrayList<>();

  private final RoomOrder order =
      new RoomOrder(
          2,
          (revision, json, author, opId) -> delivered.add(revision + ":" + json + (author == null ? "" : "@" + author)),
          (after, upTo) -> {
            logReads.add(new long[] {after, upTo});
            return log.subList((int) after, (int) upTo);
          });

  @Test
  void eventsInOrder_goStraightThrough_repeatsAndOldOnesAreDropped() {
    order.offer(3, "e3", "conn", "op", 0);
    order.offer(4, "e4", null, null, 0);
    order.offer(4, "e4", null, null, 0);
    order.offer(2, "e2", null, null, 0);
    assertThat(delivered).containsExactly("3:e3@conn", "4:e4");
    assertThat(order.fillGaps(0)).isFalse();
  }

  @Test
  void aLaterEvent_waitsForTheEarlierOne() {
    order.offer(4, "e4", "conn", "op", 0);
    assertThat(delivered).isEmpty();
    order.offer(3, "e3", null, null, 1);
    assertThat(delivered).containsExactly("3:e3", "4:e4@conn");
    assertThat(logReads).isEmpty();
  }

  @Test
  void aGapThatStaysOpen_isFilledFromTheLog() {
    order.offer(5, "e5", null, null, 0);
    assertThat(order.fillGaps(RoomOrder.GAP_NANOS / 2)).as("too early to give up on the missing events").isTrue();
    assertThat(logReads).isEmpty();
    assertThat(order.fillGaps(RoomOrder.GAP_NANOS)).isFalse();
    assertThat(logReads).containsExactly(new long[] {2, 4});
    assertThat(delivered).containsExactly("3:e3", "4:e4", "5:e5");
    assertThat(order.delivered()).isEqualTo(5);
  }
}
