package io.contrivance.server.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A single-node KRaft Kafka broker in its own process, for the integration-test servers (started by
 * the build before them, see contrivance-server/pom.xml). Writes its bootstrap servers to
 * {@code <dir>/bootstrap} once ready and runs while {@code <dir>/running} exists (the build deletes
 * it after the tests), or two hours at most, so that it never outlives an aborted build for long.
 */
public final class KafkaBrokerProcess {

  private KafkaBrokerProcess() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    Path running = dir.resolve("running");
    Files.writeString(running, Long.toString(ProcessHandle.current().pid()));
    // The broker has locale-dependent code ("CLASSIC".toUpperCase() under a Turkish locale).
    Locale.setDefault(Locale.ROOT);
    try (KafkaClusterTestKit kafka =
        new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build()).build()) {
      kafka.format();
      kafka.startup();
      kafka.waitForReadyBrokers();
      Path temporary = dir.resolve("bootstrap.tmp");
      Files.writeString(temporary, kafka.bootstrapServers(), StandardCharsets.UTF_8);
      Files.move(temporary, dir.resolve("bootstrap"), StandardCopyOption.ATOMIC_MOVE);
      long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(2);
      while (Files.exists(running) && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
    }
    System.exit(0);
  }
}
