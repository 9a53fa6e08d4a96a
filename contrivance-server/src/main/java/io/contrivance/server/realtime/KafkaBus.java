package io.contrivance.server.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Carries committed sheet events between server instances through one Kafka topic, keyed by sheet
 * id (so one sheet's events stay in one partition). Every instance reads every partition itself,
 * without a consumer group (nothing to rebalance, no offsets to keep), starting from the newest: a
 * socket that missed something while this instance was away catches up from PostgreSQL, not from
 * Kafka.
 *
 * <p>Kafka only carries; it decides nothing. Order comes from the revisions PostgreSQL assigned,
 * and a receiver that sees a gap fills it from the op log (see {@link RoomOrder}). So when Kafka is
 * down, edits are still stored and acknowledged; publishing fails quietly (logged) and other
 * instances' sockets catch up with the next event that does arrive.
 */
final class KafkaBus implements AutoCloseable {

  /** An event from another instance. */
  record Remote(String sheetId, long revision, String eventJson) {}

  private static final Logger LOG = Logger.getLogger(KafkaBus.class.getName());

  private final String topic;
  private final String instance;
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;
  private final Consumer<Remote> receiver;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong failures = new AtomicLong();
  private final Thread poller;
  private final Thread publisher;
  /** Events on their way out; the thread that committed them never waits for Kafka. */
  private final BlockingQueue<ProducerRecord<String, String>> outbox = new ArrayBlockingQueue<>(10_000);

  KafkaBus(String bootstrap, String topic, String instance, Consumer<Remote> receiver, ThreadFactory threads) {
    this.topic = topic;
    this.instance = instance;
    this.receiver = receiver;
    ensureTopic(bootstrap, topic);

    Properties producerProps = new Properties();
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producerProps.put(ProducerConfig.ACKS_CONFIG, "1");
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    // Give up on an unreachable broker quickly: receivers fill gaps from the database anyway.
    producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000");
    producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "5000");
    producerProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
    producerProps.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(16L << 20));
    producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "contrivance-" + instance);
    producer = new KafkaProducer<>(producerProps);

    Properties consumerProps = new Properties();
    consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    consumerProps.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
    consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "contrivance-" + instance + "-in");
    consumer = new KafkaConsumer<>(consumerProps);

    poller = threads.newThread(this::poll);
    poller.setName("contrivance-kafka-in");
    poller.setDaemon(true);
    poller.start();
    publisher = threads.newThread(this::send);
    publisher.setName("contrivance-kafka-out");
    publisher.setDaemon(true);
    publisher.start();
  }

  private static void ensureTopic(String bootstrap, String topic) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "request.timeout.ms", 5000, "default.api.timeout.ms", 5000))) {
      if (!admin.listTopics().names().get().contains(topic)) {
        admin.createTopics(List.of(new NewTopic(topic, 12, (short) 1))).all().get();
      }
    } catch (Exception e) {
      // The broker may be down at start-up; the producer creates the topic on first use if allowed.
      LOG.log(Level.WARNING, "could not check the Kafka topic " + topic + " (" + e.getMessage() + "); going on");
    }
  }

  /** Queues a committed event for the other instances; never blocks, never throws (drops when Kafka is far behind). */
  void publish(String sheetId, long revision, String eventJson) {
    String payload = "{\"instance\":\"" + instance + "\",\"sheet\":\"" + sheetId + "\",\"revision\":" + revision + ",\"event\":" + eventJson + "}";
    if (!outbox.offer(new ProducerRecord<>(topic, sheetId, payload))) {
      failed(new IllegalStateException("outbox full"));
    }
  }

  private void send() {
    while (running.get()) {
      ProducerRecord<String, String> record;
      try {
        record = outbox.poll(500, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (record == null) {
        continue;
      }
      try {
        producer.send(record, (metadata, error) -> {
          if (error != null) {
            failed(error);
          }
        });
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  }

  private void failed(Exception error) {
    long count = failures.incrementAndGet();
    if (count == 1 || count % 1000 == 0) {
      LOG.warning("could not publish to Kafka (" + count + " events so far; other instances catch up from the database): " + error);
    }
  }

  private void poll() {
    boolean assigned = false;
    try {
      while (running.get()) {
        if (!assigned) {
          assigned = assign();
          continue;
        }
        org.apache.kafka.clients.consumer.ConsumerRecords<String, String> records;
        try {
          records = consumer.poll(Duration.ofMillis(500));
        } catch (org.apache.kafka.common.KafkaException e) {
          if (e instanceof WakeupException || e instanceof org.apache.kafka.common.errors.InterruptException) {
            throw e;
          }
          LOG.log(Level.WARNING, "Kafka poll failed; retrying", e);
          continue;
        }
        for (ConsumerRecord<String, String> record : records) {
          Remote remote = parse(record.value());
          if (remote != null) {
            try {
              receiver.accept(remote);
            } catch (RuntimeException e) {
              LOG.log(Level.WARNING, "could not deliver an event from another instance", e);
            }
          }
        }
      }
    } catch (WakeupException | org.apache.kafka.common.errors.InterruptException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "the Kafka consumer stopped; other instances' edits reach this one's sockets only through gap filling now", e);
    } finally {
      Thread.interrupted();
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** Reads every partition of the topic from its end; false while the broker cannot say which there are. */
  private boolean assign() {
    try {
      List<org.apache.kafka.common.PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (partitions == null || partitions.isEmpty()) {
        return false;
      }
      var assignment = partitions.stream().map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(assignment);
      consumer.seekToEnd(assignment);
      // Resolve the end offsets now, so that events published from here on are all read.
      assignment.forEach(consumer::position);
      return true;
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      return false;
    }
  }

  /** The event in a payload from another instance, or null for this instance's own. */
  Remote parse(String payload) {
    // {"instance":"…","sheet":"…","revision":n,"event":{…}} as written by publish: fixed order.
    int instanceEnd = payload.indexOf('"', 13);
    if (!payload.startsWith("{\"instance\":\"") || instanceEnd < 0) {
      return null;
    }
    if (payload.substring(13, instanceEnd).equals(instance)) {
      return null;
    }
    int sheetStart = payload.indexOf("\"sheet\":\"", instanceEnd) + 9;
    int sheetEnd = payload.indexOf('"', sheetStart);
    int revisionStart = payload.indexOf("\"revision\":", sheetEnd) + 11;
    int revisionEnd = payload.indexOf(',', revisionStart);
    int eventStart = payload.indexOf("\"event\":", revisionEnd) + 8;
    return new Remote(payload.substring(sheetStart, sheetEnd), Long.parseLong(payload.substring(revisionStart, revisionEnd)), payload.substring(eventStart, payload.length() - 1));
  }

  long failures() {
    return failures.get();
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    try {
      poller.join(3_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    publisher.interrupt();
    producer.close(Duration.ofSeconds(2));
  }
}
