package io.contrivance.bench;

import java.util.Locale;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A single-node KRaft Kafka broker in its own process, for the two-instance benchmark
 * ({@code BENCH_MODE=cluster benchmarks/server-bench.sh}). Prints {@code bootstrap=<servers>} once
 * ready and runs until killed.
 */
public final class KafkaBroker {

  private KafkaBroker() {}

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    KafkaClusterTestKit kafka =
        new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build()).build();
    kafka.format();
    kafka.startup();
    kafka.waitForReadyBrokers();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        kafka.close();
      } catch (Exception e) {
        // stopping anyway
      }
    }));
    System.out.println("bootstrap=" + kafka.bootstrapServers());
    System.out.flush();
    Thread.currentThread().join();
  }
}
