package io.fedgate.xmpp.netty;

import io.fedgate.xmpp.sasl.ScramAlgorithm;
import io.fedgate.xmpp.sasl.ScramTestClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/** A raw socket speaking hand-written XML, for inputs no real client would send. */
final class RawXmppClient implements AutoCloseable {
  static final String HEADER =
      "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
          + " xmlns:stream='http://etherx.jabber.org/streams' to='local.test' version='1.0'>";

  private final Socket socket;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();

  private RawXmppClient(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(10_000); // a bound for a broken server, not a wait
  }

  static RawXmppClient plain(InetSocketAddress address) throws IOException {
    return new RawXmppClient(new Socket(address.getAddress(), address.getPort()));
  }

  /** A plain connection from the given local address (any port). */
  static RawXmppClient plainFrom(InetSocketAddress address, java.net.InetAddress local)
      throws IOException {
    return new RawXmppClient(new Socket(address.getAddress(), address.getPort(), local, 0));
  }

  static RawXmppClient directTls(InetSocketAddress address, SSLContext context) throws IOException {
    return new RawXmppClient(
        context.getSocketFactory().createSocket(address.getAddress(), address.getPort()));
  }

  /**
   * Logs in over direct TLS with SCRAM-SHA-256 (password {@code user + "-secret"}, as in {@link
   * C2sFixture}) and binds {@code resource}.
   */
  static RawXmppClient loggedIn(C2sFixture fixture, String user, String resource)
      throws IOException {
    RawXmppClient raw = directTls(fixture.directTlsAddress, fixture.tls.client);
    raw.send(HEADER).readUntil("</stream:features>");
    ScramTestClient scram =
        new ScramTestClient(ScramAlgorithm.SHA_256, user, user + "-secret", "rawn0nce");
    Matcher challenge =
        CHALLENGE.matcher(
            raw.send(sasl("auth mechanism='SCRAM-SHA-256'", scram.first()))
                .readUntil("</challenge>"));
    if (!challenge.find()) {
      throw new IOException("no SCRAM challenge");
    }
    raw.send(sasl("response", scram.finalMessage(Base64.getDecoder().decode(challenge.group(1)))))
        .readUntil("</success>");
    raw.send(HEADER).readUntil("</stream:features>");
    raw.send(
            "<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>"
                + resource
                + "</resource></bind></iq>")
        .readUntil("</iq>");
    return raw;
  }

  private static final Pattern CHALLENGE = Pattern.compile("<challenge[^>]*>([^<]*)</challenge>");

  private static String sasl(String open, byte[] data) {
    String name = open.split(" ")[0];
    return "<"
        + open
        + " xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
        + Base64.getEncoder().encodeToString(data)
        + "</"
        + name
        + ">";
  }

  RawXmppClient send(String xml) throws IOException {
    socket.getOutputStream().write(xml.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
    return this;
  }

  /** Reads until the text received so far contains the marker; returns it all and resets. */
  String readUntil(String marker) throws IOException {
    InputStream in = socket.getInputStream();
    byte[] buf = new byte[8192];
    while (!text().contains(marker)) {
      int n = in.read(buf);
      if (n < 0) {
        throw new IOException("closed before '" + marker + "'; got: " + text());
      }
      received.write(buf, 0, n);
    }
    String all = text();
    received.reset();
    return all;
  }

  /** Reads until the server closes the connection; returns everything received. */
  String readToEnd() throws IOException {
    InputStream in = socket.getInputStream();
    byte[] buf = new byte[8192];
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      received.write(buf, 0, n);
    }
    return text();
  }

  /**
   * Reads until the server closes the connection, also when it resets it (it closes with our bytes
   * still unread); returns everything received before.
   */
  String readToCloseOrReset() {
    try {
      return readToEnd();
    } catch (IOException e) {
      return text();
    }
  }

  /** The underlying socket's stream, for writes from another thread. */
  java.io.OutputStream output() throws IOException {
    return socket.getOutputStream();
  }

  private String text() {
    return received.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
