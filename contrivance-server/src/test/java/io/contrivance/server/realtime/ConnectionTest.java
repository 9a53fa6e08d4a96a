package io.contrivance.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sending side of one socket, against a stand-in for Liberty's session whose writes either
 * return at once (a client that reads) or block until the session is closed (one that stopped
 * reading, its socket buffers full). The real socket path is covered by RealtimeIT.
 */
class ConnectionTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final ExecutorService closer = Executors.newCachedThreadPool();

  @AfterEach
  void stopPools() {
    pool.shutdownNow();
    closer.shutdownNow();
  }

  @Test
  void messagesGoOutInTheOrderTheyWereQueued() throws Exception {
    FakeSession reader = new FakeSession(false);
    Connection connection = new Connection(reader.session(), "sheet", 10, Instant.EPOCH, pool, closer);
    connection.ready(0);
    for (int i = 0; i < 100; i++) {
      connection.send("m" + i);
    }
    reader.awaitWritten(100);
    assertThat(reader.written).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).mapToObj(i -> "m" + i).toList());
  }

  @Test
  void largeMessagesAreWrittenAsynchronously_andTheQueueGoesOnAfterThem() throws Exception {
    FakeSession reader = new FakeSession(false);
    Connection connection = new Connection(reader.session(), "sheet", 10, Instant.EPOCH, pool, closer);
    connection.ready(0);
    String large = "x".repeat(Connection.BLOCKING_WRITE_MAX_CHARS + 1);
    connection.send("before");
    connection.send(large);
    connection.send("after");
    reader.awaitWritten(3);
    assertThat(reader.written).containsExactly("before", "async:" + large.length(), "after");
  }

  @Test
  void aClientThatStopsReading_doesNotHoldUpAnotherClientsMessages() throws Exception {
    FakeSession stuck = new FakeSession(true);
    FakeSession reader = new FakeSession(false);
    Connection slow = new Connection(stuck.session(), "sheet", 10, Instant.EPOCH, pool, closer);
    Connection fast = new Connection(reader.session(), "sheet", 10, Instant.EPOCH, pool, closer);
    slow.ready(0);
    fast.ready(0);

    slow.send("first");
    stuck.writing.await(5, TimeUnit.SECONDS);
    fast.send("to the reader");

    reader.awaitWritten(1);
    assertThat(reader.written).containsExactly("to the reader");
  }

  @Test
  void aBlockedWrite_isStalledAfterItsLimit_andDroppingItClosesTheSocketAndEndsTheWrite() throws Exception {
    FakeSession stuck = new FakeSession(true);
    Connection slow = new Connection(stuck.session(), "sheet", 10, Instant.EPOCH, pool, closer);
    slow.ready(0);
    slow.send("first");
    slow.send("second");
    assertThat(stuck.writing.await(5, TimeUnit.SECONDS)).isTrue();

    long now = System.nanoTime();
    assertThat(slow.stalled(now)).as("not yet past the limit").isFalse();
    assertThat(slow.stalled(now + Connection.STALLED_WRITE.toNanos() + 1)).isTrue();

    slow.dropSlow();
    assertThat(stuck.closed.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(stuck.reason.getCloseCode()).isEqualTo(CloseReason.CloseCodes.TRY_AGAIN_LATER);
    assertThat(stuck.writeEnded.await(5, TimeUnit.SECONDS)).as("the blocked write returned its thread").isTrue();
    // The write has ended in the session; the connection notes it as the exception reaches it.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (slow.stalled(System.nanoTime() + Connection.STALLED_WRITE.toNanos() + 1) && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(slow.stalled(System.nanoTime() + Connection.STALLED_WRITE.toNanos() + 1)).isFalse();
    assertThat(stuck.written).as("nothing after the blocked message was written").isEmpty();
  }

  @Test
  void aStalledClientIsClosedOnce_howeverOftenItIsFoundStalled() throws Exception {
    FakeSession stuck = new FakeSession(true);
    List<Runnable> closes = new CopyOnWriteArrayList<>();
    Connection slow = new Connection(stuck.session(), "sheet", 10, Instant.EPOCH, pool, closes::add);
    slow.ready(0);
    slow.send("first");
    assertThat(stuck.writing.await(5, TimeUnit.SECONDS)).isTrue();

    // Until the close has ended it, every maintenance tick finds the write still blocked.
    long later = System.nanoTime() + Connection.STALLED_WRITE.toNanos() + 1;
    for (int tick = 0; tick < 3; tick++) {
      assertThat(slow.stalled(later)).isTrue();
      slow.dropSlow();
    }
    assertThat(closes).hasSize(1);
    closes.get(0).run();
    assertThat(stuck.writeEnded.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aClientThatFallsTooFarBehind_isDisconnected() throws Exception {
    FakeSession stuck = new FakeSession(true);
    Connection slow = new Connection(stuck.session(), "sheet", 10, Instant.EPOCH, pool, closer);
    slow.ready(0);
    for (int i = 0; i <= Connection.MAX_QUEUED_MESSAGES + 1; i++) {
      slow.send("m" + i);
    }
    assertThat(stuck.closed.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(stuck.reason.getCloseCode()).isEqualTo(CloseReason.CloseCodes.TRY_AGAIN_LATER);
  }

  /** A session whose basic remote records what it writes, or blocks every write until closed. */
  private static final class FakeSession {
    final List<String> written = new CopyOnWriteArrayList<>();
    final CountDownLatch writing = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);
    final CountDownLatch writeEnded = new CountDownLatch(1);
    volatile CloseReason reason;
    private final boolean blocks;

    FakeSession(boolean blocks) {
      this.blocks = blocks;
    }

    void awaitWritten(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (written.size() < count && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    }

    Session session() {
      RemoteEndpoint.Basic basic =
          proxy(
              RemoteEndpoint.Basic.class,
              (proxy, method, args) -> {
                if (!method.getName().equals("sendText")) {
                  throw new UnsupportedOperationException(method.getName());
                }
                if (blocks) {
                  writing.countDown();
                  closed.await();
                  writeEnded.countDown();
                  throw new IOException("connection closed during the write");
                }
                written.add((String) args[0]);
                return null;
              });
      RemoteEndpoint.Async async =
          proxy(
              RemoteEndpoint.Async.class,
              (proxy, method, args) -> {
                if (!method.getName().equals("sendText") || args.length != 2) {
                  throw new UnsupportedOperationException(method.getName());
                }
                written.add("async:" + ((String) args[0]).length());
                // Completed on another thread, as Liberty does.
                new Thread(() -> ((SendHandler) args[1]).onResult(new SendResult())).start();
                return null;
              });
      return proxy(
          Session.class,
          (proxy, method, args) ->
              switch (method.getName()) {
                case "getBasicRemote" -> basic;
                case "getAsyncRemote" -> async;
                case "isOpen" -> closed.getCount() > 0;
                case "close" -> {
                  reason = args != null && args.length == 1 ? (CloseReason) args[0] : null;
                  closed.countDown();
                  yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
              });
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
      return type.cast(Proxy.newProxyInstance(FakeSession.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
  }
}
