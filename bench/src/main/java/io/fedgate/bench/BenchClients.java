package io.fedgate.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
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
  private static final String HEADER =
      "<?xml version='1.0'?><stream:stream to='"
          + C2sBench.DOMAIN
          + "' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
          + " version='1.0'>";

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
    EventLoopGroup group = new NioEventLoopGroup(2);
    long[] latencies = new long[total];
    AtomicInteger received = new AtomicInteger();
    CountDownLatch allReceived = new CountDownLatch(1);
    Client[] clients = new Client[sessions];
    CountDownLatch bound = new CountDownLatch(sessions);
    Semaphore logins = new Semaphore(200);
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true);
    long loginStart = System.nanoTime();
    for (int i = 0; i < sessions; i++) {
      logins.acquire();
      Client client =
          new Client("u" + i, "p" + i, bound, logins, latencies, received, total, allReceived);
      clients[i] = client;
      bootstrap
          .clone()
          .handler(
              new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                  ch.pipeline().addLast(tls.newHandler(ch.alloc(), host, port), client);
                }
              })
          .connect(host, port);
    }
    if (!bound.await(15, TimeUnit.MINUTES)) {
      System.out.println("FAILED: only " + (sessions - bound.getCount()) + " sessions bound");
      System.exit(1);
    }
    System.out.printf(
        "%d sessions logged in in %.1f s%n", sessions, (System.nanoTime() - loginStart) / 1e9);
    // whitespace keep-alives (RFC 6120 §4.6.1) so that the idle timeout never ends a session
    group.scheduleAtFixedRate(
        () -> {
          for (Client c : clients) {
            c.channel.writeAndFlush(Unpooled.copiedBuffer(" ", StandardCharsets.US_ASCII));
          }
        },
        60,
        60,
        TimeUnit.SECONDS);
    System.out.println("IDLE " + sessions);
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    while (!"GO".equals(in.readLine())) {
      // wait for the server's measurements
    }

    long start = System.nanoTime();
    for (int i = 0; i < pairs; i++) {
      clients[i].send("u" + (pairs + i) + "@" + C2sBench.DOMAIN + "/r", perSender);
    }
    if (!allReceived.await(10, TimeUnit.MINUTES)) {
      System.out.println("FAILED: " + received.get() + " of " + total + " messages arrived");
      System.exit(1);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latencies);
    System.out.printf(
        "%d messages from %d senders to %d receivers in %.2f s: %.0f messages/s;"
            + " delivery latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        total,
        pairs,
        pairs,
        seconds,
        total / seconds,
        latencies[total / 2] / 1e6,
        latencies[(int) (total * 0.99)] / 1e6,
        latencies[total - 1] / 1e6);
    System.out.flush();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    System.exit(0);
  }

  /** One session: login steps by string matching, then sending or receiving timestamps. */
  private static final class Client extends ChannelInboundHandlerAdapter {
    private final String user;
    private final String password;
    private final CountDownLatch bound;
    private final Semaphore logins;
    private final long[] latencies;
    private final AtomicInteger received;
    private final int total;
    private final CountDownLatch allReceived;
    private final StringBuilder in = new StringBuilder();
    private int step;
    private Channel channel;
    private String to;
    private int left;

    Client(
        String user,
        String password,
        CountDownLatch bound,
        Semaphore logins,
        long[] latencies,
        AtomicInteger received,
        int total,
        CountDownLatch allReceived) {
      this.user = user;
      this.password = password;
      this.bound = bound;
      this.logins = logins;
      this.latencies = latencies;
      this.received = received;
      this.total = total;
      this.allReceived = allReceived;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      channel = ctx.channel();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
        write(HEADER);
      }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      in.append(buf.toString(StandardCharsets.UTF_8));
      buf.release();
      if (step == 0 && consume("</stream:features>")) {
        String plain = "\0" + user + "\0" + password;
        write(
            "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
                + Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8))
                + "</auth>");
        step = 1;
      }
      if (step == 1 && consume("<success")) {
        in.setLength(0);
        write(HEADER);
        step = 2;
      }
      if (step == 2 && consume("</stream:features>")) {
        write(
            "<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<resource>r</resource></bind></iq>");
        step = 3;
      }
      if (step == 3 && consume("</iq>")) {
        step = 4;
        in.setLength(0);
        logins.release();
        bound.countDown();
      }
      if (step == 4) {
        receive();
      }
    }

    private void receive() {
      long now = System.nanoTime();
      int start;
      while ((start = in.indexOf("<body>")) >= 0) {
        int end = in.indexOf("</body>", start);
        if (end < 0) {
          return;
        }
        long sent = Long.parseLong(in.substring(start + 6, end));
        int index = received.getAndIncrement();
        if (index < latencies.length) {
          latencies[index] = now - sent;
        }
        in.delete(0, end + 7);
        if (index + 1 == total) {
          allReceived.countDown();
        }
      }
      if (in.length() > 65536) {
        in.setLength(0); // anything else (pings) is not read
      }
    }

    /** Sends {@code count} messages, as fast as the channel takes them, on its event loop. */
    void send(String to, int count) {
      this.to = to;
      this.left = count;
      channel.eventLoop().execute(this::sendSome);
    }

    private void sendSome() {
      int batch = 0;
      while (left > 0 && channel.isWritable() && batch < 64) {
        channel.write(
            Unpooled.copiedBuffer(
                "<message to='"
                    + to
                    + "' type='chat'><body>"
                    + System.nanoTime()
                    + "</body></message>",
                StandardCharsets.US_ASCII));
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

    private boolean consume(String marker) {
      int at = in.indexOf(marker);
      if (at < 0) {
        return false;
      }
      in.delete(0, at + marker.length());
      return true;
    }

    private void write(String xml) {
      channel.writeAndFlush(Unpooled.copiedBuffer(xml, StandardCharsets.UTF_8));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      System.err.println(user + ": " + cause);
      ctx.close();
    }
  }
}
