package io.contrivance.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.ResourceLeakDetector;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for the sheet socket of a running server, in its own process (see
 * benchmarks/server-bench.sh, mode {@code realtime}). Measures on loopback:
 *
 * <ol>
 *   <li>edit-to-peer propagation: one client edits, another in the sheet receives it; the time from
 *       sending the edit to the peer's receipt (the edit is committed to PostgreSQL before it is
 *       sent to anyone);
 *   <li>200 clients in one sheet, each moving its selection every second (presence on), while one
 *       of them edits 20 times a second: the time until the last of the other 199 has each edit;
 *   <li>idle connections: how many authenticated sockets the server holds, and its RSS per socket.
 * </ol>
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.contrivance.bench.RealtimeLoad <base url> <server pid>}
 */
public final class RealtimeLoad {

  private static final Pattern OP = Pattern.compile("\"op_id\":\"([^\"]+)\"");

  private RealtimeLoad() {}

  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } finally {
      Client.LOOP.shutdownGracefully();
    }
  }

  private static void run(String[] args) throws Exception {
    String base = args.length > 0 ? args[0] : "http://127.0.0.1:9281";
    if (args.length > 1 && args[1].startsWith("http")) {
      // Two instances: edits sent to the first, received from the second (through Kafka).
      String token = ServerLoad.register(base);
      String sheet = ServerLoad.createSheet(base, token, "Across");
      List<String> rows = ServerLoad.insertBatch(base, token, sheet, 200, 0);
      propagation(base, args[1], token, sheet, rows, "two instances through Kafka");
      return;
    }
    long serverPid = args.length > 1 ? Long.parseLong(args[1]) : -1;
    String token = ServerLoad.register(base);
    String sheet = ServerLoad.createSheet(base, token, "Live");
    List<String> rows = ServerLoad.insertBatch(base, token, sheet, 200, 0);

    propagation(base, base, token, sheet, rows, "one instance");
    crowd(base, token, sheet, rows, Integer.getInteger("bench.crowd", 200));
    idle(base, token, serverPid, Integer.getInteger("bench.idle", 10_000));
  }

  /** 1. One writer, one reader (on another instance, or the same), edits one after another. */
  static void propagation(String writerBase, String readerBase, String token, String sheet, List<String> rows, String what) throws Exception {
    Map<String, Long> sent = new ConcurrentHashMap<>();
    long[] latencies = new long[Integer.getInteger("bench.edits", 3_000)];
    long[] acks = new long[latencies.length];
    CountDownLatch[] next = {new CountDownLatch(2)};
    // Unmeasured edits first, until the server's JIT has compiled the path (300 were too few).
    int warmup = Integer.getInteger("bench.warmup.edits", 2_000);
    Client reader = Client.join(readerBase, sheet, token, timer("row_updated", sent, latencies, warmup, next));
    // The writer's acknowledgement: the edit is committed by then.
    Client writer = Client.join(writerBase, sheet, token, timer("ack", sent, acks, warmup, next));
    for (int i = 0; i < warmup + latencies.length; i++) {
      next[0] = new CountDownLatch(2);
      String op = "p" + i;
      sent.put(op, System.nanoTime());
      writer.send(updateCell(op, rows.get(i % rows.size()), "next_step", "\"call " + i + "\""));
      if (!next[0].await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("edit " + i + " was not acknowledged or did not reach the peer");
      }
      sent.remove(op);
    }
    Arrays.sort(latencies);
    Arrays.sort(acks);
    System.out.printf(Locale.ROOT, "edit-to-peer propagation, %s (%,d edits, one at a time): p50 %.2f ms, p99 %.2f ms, max %.1f ms (p90 %.2f, p99.9 %.1f; acknowledgement to the writer p50 %.2f, p99 %.2f ms)%n",
        what, latencies.length, ms(at(latencies, 0.5)), ms(at(latencies, 0.99)), ms(latencies[latencies.length - 1]), ms(at(latencies, 0.9)), ms(at(latencies, 0.999)), ms(at(acks, 0.5)), ms(at(acks, 0.99)));
    writer.close();
    reader.close();
  }

  /**
   * Times messages of one type from when their op was sent (as {@code started} has it) into {@code
   * into}, after the first {@code warmup}, and counts each down on the current latch.
   */
  private static Consumer<String> timer(String type, Map<String, Long> started, long[] into, int warmup, CountDownLatch[] next) {
    String prefix = "{\"type\":\"" + type + "\"";
    AtomicInteger count = new AtomicInteger();
    return text -> {
      if (text.startsWith(prefix)) {
        Matcher m = OP.matcher(text);
        Long at = m.find() ? started.get(m.group(1)) : null;
        if (at != null) {
          int index = count.getAndIncrement() - warmup;
          if (index >= 0 && index < into.length) {
            into[index] = System.nanoTime() - at;
          }
          next[0].countDown();
        }
      }
    };
  }

  private static long at(long[] sorted, double quantile) {
    return sorted[(int) (sorted.length * quantile)];
  }

  /** 2. Many clients in one sheet, with presence, one editing. */
  static void crowd(String base, String token, String sheet, List<String> rows, int size) throws Exception {
    Map<String, Long> sent = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    int others = size - 1;
    int edits = Integer.getInteger("bench.crowd.edits", 1_000);
    long[] latencies = new long[edits];
    AtomicInteger done = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(edits);
    List<Client> clients = new ArrayList<>();
    for (int c = 0; c < others; c++) {
      clients.add(
          Client.join(base, sheet, token, text -> {
            if (text.startsWith("{\"type\":\"row_updated\"")) {
              Matcher m = OP.matcher(text);
              if (m.find() && m.group(1).startsWith("c")) {
                AtomicInteger count = arrivals.computeIfAbsent(m.group(1), k -> new AtomicInteger());
                if (count.incrementAndGet() == others) {
                  Long at = sent.remove(m.group(1));
                  int index = Integer.parseInt(m.group(1).substring(1));
                  latencies[index] = System.nanoTime() - at;
                  done.incrementAndGet();
                  finished.countDown();
                }
              }
            }
          }));
    }
    Client writer = Client.join(base, sheet, token, text -> {});
    // Presence: every client moves its selection about once a second.
    Thread presence =
        new Thread(() -> {
          int tick = 0;
          while (!Thread.currentThread().isInterrupted()) {
            for (int c = 0; c < clients.size(); c++) {
              if ((c + tick) % 20 == 0) {
                clients.get(c).send("{\"type\":\"presence\",\"selection\":{\"from_row\":\"" + rows.get((c + tick) % rows.size()) + "\",\"from_column\":\"stage\"},\"editing\":false}");
              }
            }
            tick++;
            try {
              Thread.sleep(50);
            } catch (InterruptedException e) {
              return;
            }
          }
        });
    presence.setDaemon(true);
    presence.start();
    // Unmeasured edits first, with presence on: the fan-out to 199 sockets and the presence flushes
    // are code paths of their own, and without this the server's JIT compiled them (about a third of
    // its CPU) while the first edits were measured.
    int warmup = Integer.getInteger("bench.crowd.warmup.edits", 400);
    for (int i = 0; i < warmup; i++) {
      writer.send(updateCell("w" + i, rows.get(i % rows.size()), "next_step", "\"warm-up " + i + "\""));
      Thread.sleep(50);
    }
    for (int i = 0; i < edits; i++) {
      String op = "c" + i;
      sent.put(op, System.nanoTime());
      writer.send(updateCell(op, rows.get(i % rows.size()), "next_step", "\"crowd " + i + "\""));
      Thread.sleep(50);
    }
    if (!finished.await(60, TimeUnit.SECONDS)) {
      System.out.println("crowd: only " + done.get() + " of " + edits + " edits reached every client");
    }
    presence.interrupt();
    long[] sorted = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
    System.out.printf(Locale.ROOT,
        "%d clients in one sheet, presence on (each moves its selection once a second), one editing 20 times a second: until all %d others have an edit p50 %.2f ms, p99 %.2f ms, max %.1f ms (%,d edits)%n",
        size, others, ms(at(sorted, 0.5)), ms(at(sorted, 0.99)), ms(sorted[sorted.length - 1]), sorted.length);
    writer.close();
    clients.forEach(Client::close);
  }

  /** 3. Idle sockets, each authenticated in one of 100 sheets. */
  static void idle(String base, String token, long serverPid, int count) throws Exception {
    if (count <= 0) {
      return;
    }
    List<String> sheets = new ArrayList<>();
    for (int s = 0; s < 100; s++) {
      sheets.add(ServerLoad.createSheet(base, token, "Idle " + s));
    }
    long heapBefore = liveHeapKb(serverPid);
    long before = rssKb(serverPid);
    List<Client> clients = new ArrayList<>(count);
    long started = System.nanoTime();
    for (int c = 0; c < count; c++) {
      clients.add(Client.join(base, sheets.get(c % sheets.size()), token, text -> {}));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Thread.sleep(5_000);
    long after = rssKb(serverPid);
    long heapAfter = liveHeapKb(serverPid);
    // Every socket still answers.
    int alive = 0;
    for (Client client : clients) {
      alive += client.ping() ? 1 : 0;
    }
    System.out.printf(Locale.ROOT, "idle sockets: %,d opened and authenticated in %.1f s, %,d answering a ping afterwards; server RSS %,d MB -> %,d MB (%.1f KB per socket); "
            + "live heap after a full GC %,d MB -> %,d MB (%.1f KB per socket)%n",
        count, seconds, alive, before / 1024, after / 1024, (after - before) / (double) count, heapBefore / 1024, heapAfter / 1024, (heapAfter - heapBefore) / (double) count);
    clients.forEach(Client::close);
  }

  /**
   * The server's heap in use right after a full collection (jcmd GC.run, then GC.heap_info), in KB.
   * RSS alone follows how far the JVM has grown its heap, which varies from run to run.
   */
  static long liveHeapKb(long pid) throws Exception {
    if (pid < 0) {
      return 0;
    }
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    jcmd(jcmd, pid, "GC.run");
    Matcher used = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K").matcher(jcmd(jcmd, pid, "GC.heap_info"));
    return used.find() ? Long.parseLong(used.group(1)) : 0;
  }

  private static String jcmd(Path jcmd, long pid, String command) throws Exception {
    Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    process.waitFor(60, TimeUnit.SECONDS);
    return output;
  }

  static long rssKb(long pid) throws Exception {
    if (pid < 0) {
      return 0;
    }
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }

  static String updateCell(String op, String row, String column, String value) {
    return "{\"type\":\"update_cell\",\"op_id\":\"" + op + "\",\"row_id\":\"" + row + "\",\"column_id\":\"" + column + "\",\"value\":" + value + "}";
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  /**
   * One socket on the driver's single Netty event loop: sends in order, hands every whole text
   * message to a consumer on that loop. The JDK's WebSocket client cost about 40 µs of CPU per
   * received message, passed between executors; with 200 clients on the server's two cores that
   * was a third of a core taken from what is measured.
   */
  static final class Client extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private static final EventLoopGroup LOOP;

    static {
      // Leak tracking records a stack trace for a sample of buffers; the driver does not need it.
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
      LOOP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    private final Consumer<String> consumer;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile CompletableFuture<Void> pong = new CompletableFuture<>();
    private Channel channel;

    private Client(Consumer<String> consumer) {
      this.consumer = consumer;
    }

    static Client join(String base, String sheet, String token, Consumer<String> consumer) throws Exception {
      URI uri = URI.create(base.replaceFirst("^http", "ws") + "/ws/spreadsheet/" + sheet);
      Client client = new Client(consumer);
      WebSocketClientProtocolConfig config =
          WebSocketClientProtocolConfig.newBuilder()
              .webSocketUri(uri)
              .generateOriginHeader(false) // not a browser, as with the JDK client
              .maxFramePayloadLength(16 << 20)
              .withUTF8Validator(false) // the text is decoded (and so checked) once, by frame.text()
              .build();
      CompletableFuture<Void> open = new CompletableFuture<>();
      client.channel =
          new Bootstrap()
              .group(LOOP)
              .channel(NioSocketChannel.class)
              .option(ChannelOption.TCP_NODELAY, true)
              .handler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                      channel.pipeline().addLast(
                          new HttpClientCodec(),
                          new HttpObjectAggregator(1 << 16),
                          new WebSocketClientProtocolHandler(config),
                          new WebSocketFrameAggregator(16 << 20),
                          new ChannelInboundHandlerAdapter() {
                            @Override
                            public void userEventTriggered(ChannelHandlerContext context, Object event) {
                              if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                                open.complete(null);
                              }
                              context.fireUserEventTriggered(event);
                            }
                          },
                          client);
                    }
                  })
              .connect(uri.getHost(), uri.getPort())
              .sync()
              .channel();
      open.get(30, TimeUnit.SECONDS);
      client.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
      client.ready.get(30, TimeUnit.SECONDS);
      return client;
    }

    void send(String text) {
      channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    boolean ping() {
      pong = new CompletableFuture<>();
      send("{\"type\":\"ping\"}");
      try {
        pong.get(10, TimeUnit.SECONDS);
        return true;
      } catch (Exception e) {
        return false;
      }
    }

    void close() {
      channel.writeAndFlush(new CloseWebSocketFrame(1000, "done")).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, TextWebSocketFrame frame) {
      String text = frame.text();
      if (text.startsWith("{\"type\":\"snapshot\"") || text.startsWith("{\"type\":\"replay\"")) {
        ready.complete(null);
      } else if (text.startsWith("{\"type\":\"pong\"")) {
        pong.complete(null);
      } else {
        consumer.accept(text);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
      ready.completeExceptionally(new IllegalStateException("closed"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable error) {
      ready.completeExceptionally(error);
      context.close();
    }
  }
}
