package io.contrivance.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two instances' buses on a real Kafka broker (KRaft, started in this process). */
class KafkaBusTest {

  private static KafkaClusterTestKit kafka;
  private static java.util.Locale locale;

  @BeforeAll
  static void startKafka() throws Exception {
    // The tests run under a Turkish locale to catch locale-dependent code; the broker has some
    // ("CLASSIC".toUpperCase() is not "CLASSIC" there), and it runs in this process for the whole
    // class. KafkaBus itself does no case mapping or formatting.
    locale = java.util.Locale.getDefault();
    java.util.Locale.setDefault(java.util.Locale.ROOT);
    kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build()).build();
    kafka.format();
    kafka.startup();
    kafka.waitForReadyBrokers();
  }

  @AfterAll
  static void stopKafka() throws Exception {
    try {
      if (kafka != null) {
        kafka.close();
      }
    } finally {
      java.util.Locale.setDefault(locale);
    }
  }

  @Test
  void anInstancesEvents_reachTheOthersInOrder_butNotItself() throws Exception {
    BlockingQueue<KafkaBus.Remote> atA = new LinkedBlockingQueue<>();
    BlockingQueue<KafkaBus.Remote> atB = new LinkedBlockingQueue<>();
    String topic = "events-" + System.nanoTime();
    try (KafkaBus a = new KafkaBus(kafka.bootstrapServers(), topic, "a", atA::add, Thread::new);
        KafkaBus b = new KafkaBus(kafka.bootstrapServers(), topic, "b", atB::add, Thread::new)) {
      // Consumers start at the newest record once they have joined: probe until b hears a.
      KafkaBus.Remote probe = null;
      for (int i = 0; i < 100 && probe == null; i++) {
        a.publish("probe", i, "{\"type\":\"probe\"}");
        probe = atB.poll(300, TimeUnit.MILLISECONDS);
      }
      assertThat(probe).as("b receives a's events (a failed to publish %d)", a.failures()).isNotNull();
      atB.clear();

      for (int revision = 1; revision <= 50; revision++) {
        a.publish("sheet-1", revision, "{\"type\":\"row_updated\",\"revision\":" + revision + "}");
      }
      List<Long> revisions = new ArrayList<>();
      while (revisions.size() < 50) {
        KafkaBus.Remote remote = atB.poll(10, TimeUnit.SECONDS);
        assertThat(remote).as("event %d arrived", revisions.size() + 1).isNotNull();
        if (remote.sheetId().equals("sheet-1")) {
          assertThat(remote.eventJson()).isEqualTo("{\"type\":\"row_updated\",\"revision\":" + remote.revision() + "}");
          revisions.add(remote.revision());
        }
      }
      assertThat(revisions).isSorted().hasSize(50);
      assertThat(atA.stream().filter(r -> r.sheetId().equals("sheet-1"))).as("an instance ignores its own events").isEmpty();
      assertThat(a.failures()).isZero();
    }
  }

  @Test
  void payloadsOfThisInstance_areRecognised() {
    try (KafkaBus bus = new KafkaBus(kafka.bootstrapServers(), "parse-" + System.nanoTime(), "me", r -> {}, Thread::new)) {
      assertThat(bus.parse("{\"instance\":\"me\",\"sheet\":\"s\",\"revision\":3,\"event\":{}}")).isNull();
      KafkaBus.Remote other = bus.parse("{\"instance\":\"you\",\"sheet\":\"s\",\"revision\":3,\"event\":{\"type\":\"x\"}}");
      assertThat(other).isEqualTo(new KafkaBus.Remote("s", 3, "{\"type\":\"x\"}"));
    }
  }

  @Test
  void withTheBrokerDown_publishingNeverBlocksOrThrows_andDropsWhatItCannotHold() {
    try (KafkaBus bus = new KafkaBus("127.0.0.1:1", "down", "lonely", r -> {}, Thread::new)) {
      for (int revision = 1; revision <= 20_000; revision++) {
        bus.publish("sheet", revision, "{}");
      }
      // The outbox holds 10,000; the rest are dropped (other instances fill such gaps from the database).
      assertThat(bus.failures()).isGreaterThanOrEqualTo(10_000 - 1);
    }
  }
}
