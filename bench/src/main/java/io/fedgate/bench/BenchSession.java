package io.fedgate.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The client session both XMPP benchmarks use ({@link BenchClients}, {@link S2sBenchClients}): over
 * XEP-0368 direct TLS it logs in with SASL PLAIN and binds resource {@code r} by string matching
 * (no XML parser: not a client to copy), then reads chat messages whose body is the send time in
 * nanoseconds ({@link #message}) and reports each one's latency.
 */
abstract class BenchSession extends ChannelInboundHandlerAdapter {
  final String user;
  private final String password;
  private final String header;
  final StringBuilder in = new StringBuilder();
  int step; // 0 features, 1 auth, 2 features again, 3 bind, 4 bound
  Channel channel;

  BenchSession(String domain, String user, String password) {
    this.user = user;
    this.password = password;
    this.header =
        "<?xml version='1.0'?><stream:stream to='"
            + domain
            + "' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " version='1.0'>";
  }

  /** Bound (on the event loop): the session may send and receives from now on. */
  abstract void bound();

  /** A timestamped message arrived {@code latencyNanos} after it was sent. */
  abstract void receipt(long latencyNanos);

  /** The TLS handshake or the login failed. */
  abstract void failed(String why);

  /** A chat message to {@code to} whose body is {@link System#nanoTime()}. */
  static ByteBuf message(String to) {
    return Unpooled.copiedBuffer(
        "<message to='" + to + "' type='chat'><body>" + System.nanoTime() + "</body></message>",
        StandardCharsets.US_ASCII);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent done) {
      if (done.isSuccess()) {
        write(header);
      } else {
        failed("TLS: " + done.cause());
      }
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
    if (step == 1 && in.indexOf("<failure") >= 0) {
      step = 9;
      failed("login failed: " + in);
    }
    if (step == 1 && consume("<success")) {
      in.setLength(0);
      write(header);
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
      bound();
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
      in.delete(0, end + 7);
      receipt(now - sent);
    }
    if (in.length() > 65536) {
      in.setLength(0); // anything else (presence, pings) is not read
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

  void write(String xml) {
    channel.writeAndFlush(Unpooled.copiedBuffer(xml, StandardCharsets.UTF_8));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    System.err.println(user + ": " + cause);
    ctx.close();
  }
}
