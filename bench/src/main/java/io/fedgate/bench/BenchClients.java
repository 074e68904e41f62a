package io.fedgate.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side of {@link C2sBench}, in its own JVM: logs in N sessions over direct TLS with SASL
 * PLAIN (string matching, no XML parser: these are not clients to copy), reports "IDLE" and waits
 * for "GO" on stdin, then has {@code pairs} senders send {@code messages} chat messages in all to
 * their receivers, each body the send time in nanoseconds, and reports rate and latencies.
 */
final class BenchClients {
  private BenchClients() {}

  static void run(String[] args) throws Exception {
    String host = args[1];
    int port = Integer.parseInt(args[2]);
    int sessions = Integer.parseInt(args[3]);
    int pairs = Math.min(Integer.parseInt(args[4]), sessions / 2);
    int messages = Integer.parseInt(args[5]);
    int perSender = messages / pairs;
    int total = perSender * pairs;

    SslContext tls =
        SslContextBuilder.forClient()
            .trustManager(InsecureTrustManagerFactory.INSTANCE) // bench only: its own test cert
            .protocols("TLSv1.3")
            .build();
    int rate = Integer.parseInt(args[6]);
    int paced = Integer.parseInt(args[7]);
    EventLoopGroup group = new NioEventLoopGroup(2);
    Phase flood = new Phase(total);
    AtomicInteger failed = new AtomicInteger();
    Client[] clients = new Client[sessions];
    CountDownLatch bound = new CountDownLatch(sessions);
    // logins in flight: more only lengthens each TLS handshake on 2 cores (Netty gives up after 10
    // s)
    Semaphore logins = new Semaphore(50);
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true);
    // whitespace keep-alives (RFC 6120 §4.6.1) from the start, so that the server's idle timeout
    // (ping after 150 s, close after 300 s) never ends a session while the others log in
    group.scheduleAtFixedRate(
        () -> {
          for (Client c : clients) {
            Channel channel = c == null || !c.loggedIn ? null : c.channel;
            if (channel != null && channel.isActive()) {
              channel.writeAndFlush(Unpooled.copiedBuffer(" ", StandardCharsets.US_ASCII));
            }
          }
        },
        60,
        60,
        TimeUnit.SECONDS);
    long loginStart = System.nanoTime();
    for (int i = 0; i < sessions; i++) {
      logins.acquire();
      Client client = new Client("u" + i, "p" + i, bound, logins, failed);
      clients[i] = client;
      bootstrap
          .clone()
          .handler(
              new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                  SslHandler handler = tls.newHandler(ch.alloc(), host, port);
                  handler.setHandshakeTimeout(60, TimeUnit.SECONDS);
                  ch.pipeline().addLast(handler, client);
                }
              })
          .connect(host, port)
          .addListener(
              f -> {
                if (!f.isSuccess()) {
                  client.failed("connect: " + f.cause());
                }
              });
    }
    if (!bound.await(15, TimeUnit.MINUTES)) {
      System.out.println("FAILED: only " + (sessions - bound.getCount()) + " sessions bound");
      System.exit(1);
    }
    System.out.printf(
        "%d sessions logged in in %.1f s (%d failed to log in)%n",
        sessions - failed.get(), (System.nanoTime() - loginStart) / 1e9, failed.get());
    if (failed.get() > sessions / 100) {
      System.out.println("FAILED: more than 1% of the sessions could not log in");
      System.exit(1);
    }
    // senders and receivers among the sessions that did log in
    Client[] ready = Arrays.stream(clients).filter(c -> c.loggedIn).toArray(Client[]::new);
    System.out.println("IDLE " + sessions);
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    while (!"GO".equals(in.readLine())) {
      // wait for the server's measurements
    }

    // 1. throughput: every sender as fast as its connection takes the messages
    for (int i = 0; i < pairs; i++) {
      ready[pairs + i].phase = flood;
    }
    long start = System.nanoTime();
    for (int i = 0; i < pairs; i++) {
      ready[i].send(ready[pairs + i].user + "@" + C2sBench.DOMAIN + "/r", perSender);
    }
    flood.await("throughput");
    double seconds = (System.nanoTime() - start) / 1e9;
    flood.report(
        String.format(
            "throughput: %d messages from %d senders to %d receivers in %.2f s: %.0f messages/s;",
            total, pairs, pairs, seconds, total / seconds));

    // 2. latency at a fixed offered rate, below saturation (queueing delay excluded)
    if (paced > 0) {
      Phase steady = new Phase(paced);
      for (int i = 0; i < pairs; i++) {
        ready[pairs + i].phase = steady;
      }
      long pacedStart = System.nanoTime();
      int[] sent = {0};
      ScheduledFuture<?> pacer =
          group.scheduleAtFixedRate(
              () -> {
                long due =
                    Math.min(paced, (System.nanoTime() - pacedStart) * rate / 1_000_000_000L);
                while (sent[0] < due) {
                  int i = sent[0] % pairs;
                  ready[i].sendOne(ready[pairs + i].user + "@" + C2sBench.DOMAIN + "/r");
                  sent[0]++;
                }
              },
              1,
              1,
              TimeUnit.MILLISECONDS);
      steady.await("paced");
      pacer.cancel(false);
      double pacedSeconds = (System.nanoTime() - pacedStart) / 1e9;
      steady.report(
          String.format(
              "paced: %d messages offered at %d/s over %d pairs, %.0f messages/s delivered;",
              paced, rate, pairs, paced / pacedSeconds));
    }
    System.out.flush();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    System.exit(0);
  }

  /** One measurement: the latency of each message received, and a latch for the last one. */
  private static final class Phase {
    final long[] latencies;
    final AtomicInteger received = new AtomicInteger();
    final CountDownLatch done = new CountDownLatch(1);

    Phase(int total) {
      latencies = new long[total];
    }

    void received(long latency) {
      int index = received.getAndIncrement();
      if (index < latencies.length) {
        latencies[index] = latency;
      }
      if (index + 1 == latencies.length) {
        done.countDown();
      }
    }

    void await(String name) throws InterruptedException {
      if (!done.await(10, TimeUnit.MINUTES)) {
        System.out.println(
            "FAILED (" + name + "): " + received.get() + " of " + latencies.length + " arrived");
        System.exit(1);
      }
    }

    void report(String prefix) {
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      System.out.printf(
          "%s delivery latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          prefix, sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6, sorted[n - 1] / 1e6);
    }
  }

  /** One session ({@link BenchSession}): sends or receives timestamps once logged in. */
  private static final class Client extends BenchSession {
    private final CountDownLatch bound;
    private final Semaphore logins;
    private final AtomicInteger failures;
    private volatile Phase phase;
    private volatile boolean loggedIn; // keep-alives only then: before, a space breaks the header
    private boolean done;
    private String to;
    private int left;

    Client(
        String user,
        String password,
        CountDownLatch bound,
        Semaphore logins,
        AtomicInteger failures) {
      super(C2sBench.DOMAIN, user, password);
      this.bound = bound;
      this.logins = logins;
      this.failures = failures;
    }

    /** Logged in or failed (once): frees a login slot. */
    private synchronized boolean finish() {
      if (done) {
        return false;
      }
      done = true;
      logins.release();
      bound.countDown();
      return true;
    }

    /** Could not log in: counted, and its login slot freed. */
    @Override
    void failed(String why) {
      if (finish()) {
        failures.incrementAndGet();
        System.err.println(user + ": " + why);
      }
    }

    @Override
    void bound() {
      loggedIn = true;
      finish();
    }

    @Override
    void receipt(long latencyNanos) {
      Phase current = phase;
      if (current != null) {
        current.received(latencyNanos);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (step < 4) {
        failed("closed during login at step " + step + ": " + in);
      } else {
        System.err.println(user + ": closed");
      }
    }

    /** Sends {@code count} messages, as fast as the channel takes them, on its event loop. */
    void send(String to, int count) {
      this.to = to;
      this.left = count;
      channel.eventLoop().execute(this::sendSome);
    }

    /** One message now (from any thread). */
    void sendOne(String to) {
      channel.writeAndFlush(message(to));
    }

    private void sendSome() {
      int batch = 0;
      while (left > 0 && channel.isWritable() && batch < 64) {
        channel.write(message(to));
        left--;
        batch++;
      }
      channel.flush();
      if (left > 0 && channel.isWritable()) {
        channel.eventLoop().execute(this::sendSome);
      } // else channelWritabilityChanged resumes
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (left > 0 && ctx.channel().isWritable()) {
        sendSome();
      }
    }
  }
}
