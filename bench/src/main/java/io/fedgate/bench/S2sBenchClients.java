package io.fedgate.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clients of the S2S benchmark: {@code pairs} senders logged in at the sending server (fedgate
 * or Prosody A) and {@code pairs} receivers at the receiving Prosody, all over XEP-0368 direct TLS
 * with SASL PLAIN (string matching, no XML parser: not clients to copy). Each sender sends chat
 * messages to its receiver whose body is the send time in nanoseconds (same JVM, same clock), as
 * fast as the TCP connection takes them or at a fixed total rate. For each phase (a warm-up, then
 * the measured run) it prints messages/s (first send to last receipt), latency percentiles, and the
 * CPU time (utime + stime from /proc/PID/stat) each named process spent, in total and per message.
 *
 * <p>{@code clients SENDER_HOST:PORT SENDER_DOMAIN RECEIVER_HOST:PORT RECEIVER_DOMAIN PAIRS
 * MESSAGES WARMUP RATE NAME=PID,...} (RATE 0: as fast as possible).
 */
final class S2sBenchClients {
  private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux x86-64

  private S2sBenchClients() {}

  static void run(String[] args) throws Exception {
    String[] sender = args[1].split(":");
    String senderDomain = args[2];
    String[] receiver = args[3].split(":");
    String receiverDomain = args[4];
    int pairs = Integer.parseInt(args[5]);
    int messages = Integer.parseInt(args[6]);
    int warmup = Integer.parseInt(args[7]);
    double rate = Double.parseDouble(args[8]);
    Map<String, Integer> pids = new LinkedHashMap<>();
    for (String named : args[9].split(",")) {
      String[] kv = named.split("=");
      pids.put(kv[0], Integer.parseInt(kv[1]));
    }

    SslContext tls =
        SslContextBuilder.forClient()
            .trustManager(InsecureTrustManagerFactory.INSTANCE) // bench only: its own test PKI
            .build();
    EventLoopGroup group = new NioEventLoopGroup(2);
    Phase phase = new Phase();
    Client[] senders = new Client[pairs];
    Client[] receivers = new Client[pairs];
    CountDownLatch bound = new CountDownLatch(2 * pairs);
    for (int i = 0; i < pairs; i++) {
      senders[i] =
          connect(group, tls, sender, senderDomain, "u" + i, "p" + i, bound, phase, "r" + i);
      receivers[i] =
          connect(group, tls, receiver, receiverDomain, "r" + i, "p" + i, bound, phase, null);
    }
    if (!bound.await(2, TimeUnit.MINUTES)) {
      System.out.println("FAILED: only " + (2 * pairs - bound.getCount()) + " sessions bound");
      System.exit(1);
    }
    for (int i = 0; i < pairs; i++) {
      senders[i].to = "r" + i + "@" + receiverDomain + "/r";
    }
    // one message per pair first: the S2S stream is negotiated before the bursts (fedgate queues
    // at most 1000 stanzas per domain pair while negotiating and bounces the rest)
    measure("prime", group, senders, phase, pairs, 0, pids);
    if (warmup > 0) {
      measure("warm-up", group, senders, phase, warmup, 0, pids);
    }
    measure("measured", group, senders, phase, messages, rate, pids);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    System.exit(0);
  }

  private static void measure(
      String name,
      EventLoopGroup group,
      Client[] senders,
      Phase phase,
      int messages,
      double rate,
      Map<String, Integer> pids)
      throws Exception {
    int pairs = senders.length;
    int perSender = messages / pairs;
    int total = perSender * pairs;
    phase.reset(total);
    for (Client c : senders) {
      c.reset();
    }
    Map<String, Long> before = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> p : pids.entrySet()) {
      before.put(p.getKey(), cpuTicks(p.getValue()));
    }
    long start = System.nanoTime();
    ScheduledFuture<?> pacer = null;
    if (rate > 0) {
      double perSenderPerNano = rate / pairs / 1e9;
      pacer =
          group.scheduleAtFixedRate(
              () -> {
                long due = (long) ((System.nanoTime() - start) * perSenderPerNano);
                for (Client c : senders) {
                  c.budget((int) Math.min(due, perSender));
                }
              },
              0,
              2,
              TimeUnit.MILLISECONDS);
    } else {
      for (Client c : senders) {
        c.budget(perSender);
      }
    }
    boolean done = phase.allReceived.await(5, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (pacer != null) {
      pacer.cancel(false);
    }
    if (!done) {
      System.out.println("FAILED: " + phase.received.get() + " of " + total + " messages arrived");
      System.exit(1);
    }
    long[] latencies = phase.latencies;
    Arrays.sort(latencies);
    System.out.printf(
        "%s: %d messages, %d pairs, %s: %.2f s, %.0f messages/s; latency p50 %.2f ms, p90 %.2f ms,"
            + " p99 %.2f ms, max %.2f ms%n",
        name,
        total,
        pairs,
        rate > 0 ? String.format("offered %.0f/s", rate) : "as fast as possible",
        seconds,
        total / seconds,
        latencies[total / 2] / 1e6,
        latencies[(int) (total * 0.90)] / 1e6,
        latencies[(int) (total * 0.99)] / 1e6,
        latencies[total - 1] / 1e6);
    for (Map.Entry<String, Integer> p : pids.entrySet()) {
      long ticks = cpuTicks(p.getValue()) - before.get(p.getKey());
      double cpuSeconds = (double) ticks / TICKS_PER_SECOND;
      System.out.printf(
          "%s: cpu %s %.2f s (%.0f%% of one core), %.1f us per message%n",
          name, p.getKey(), cpuSeconds, 100 * cpuSeconds / seconds, cpuSeconds * 1e6 / total);
    }
    System.out.flush();
  }

  /** utime + stime of a process, in clock ticks (/proc/PID/stat fields 14 and 15). */
  private static long cpuTicks(int pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static Client connect(
      EventLoopGroup group,
      SslContext tls,
      String[] hostPort,
      String domain,
      String user,
      String password,
      CountDownLatch bound,
      Phase phase,
      String peer) {
    Client client = new Client(domain, user, password, bound, phase);
    int port = Integer.parseInt(hostPort[1]);
    new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                // SNI = the XMPP domain (XEP-0368), so Prosody picks that host's certificate
                ch.pipeline().addLast(tls.newHandler(ch.alloc(), domain, port), client);
              }
            })
        .connect(hostPort[0], port);
    return client;
  }

  /** The receipts of one phase. */
  private static final class Phase {
    volatile long[] latencies = new long[0];
    final AtomicInteger received = new AtomicInteger();
    volatile CountDownLatch allReceived = new CountDownLatch(1);

    void reset(int total) {
      latencies = new long[total];
      received.set(0);
      allReceived = new CountDownLatch(1);
    }

    void receipt(long latency) {
      long[] all = latencies;
      int index = received.getAndIncrement();
      if (index < all.length) {
        all[index] = latency;
      }
      if (index + 1 == all.length) {
        allReceived.countDown();
      }
    }
  }

  /** One session ({@link BenchSession}): sends or receives timestamps once logged in. */
  private static final class Client extends BenchSession {
    private final CountDownLatch bound;
    private final Phase phase;
    volatile String to;
    private int sent;
    private int allowed;

    Client(String domain, String user, String password, CountDownLatch bound, Phase phase) {
      super(domain, user, password);
      this.bound = bound;
      this.phase = phase;
    }

    @Override
    void bound() {
      write("<presence/>");
      bound.countDown();
    }

    @Override
    void receipt(long latencyNanos) {
      phase.receipt(latencyNanos);
    }

    @Override
    void failed(String why) {
      System.err.println(user + ": " + why);
    }

    /** A new phase: nothing sent, nothing allowed yet. */
    void reset() {
      channel
          .eventLoop()
          .execute(
              () -> {
                sent = 0;
                allowed = 0;
              });
    }

    /** Allows {@code allowed} messages in this phase so far; sends what is due. */
    void budget(int allowed) {
      channel
          .eventLoop()
          .execute(
              () -> {
                this.allowed = allowed;
                sendSome();
              });
    }

    private void sendSome() {
      int batch = 0;
      while (sent < allowed && channel.isWritable() && batch < 64) {
        channel.write(message(to));
        sent++;
        batch++;
      }
      channel.flush();
      if (sent < allowed && channel.isWritable()) {
        channel.eventLoop().execute(this::sendSome);
      } // else channelWritabilityChanged or the pacer resumes
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (sent < allowed && ctx.channel().isWritable()) {
        sendSome();
      }
    }
  }
}
