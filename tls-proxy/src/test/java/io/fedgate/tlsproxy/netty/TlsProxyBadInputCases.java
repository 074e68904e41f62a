package io.fedgate.tlsproxy.netty;

import static io.fedgate.tlsproxy.config.SampleConfigs.permit;
import static io.fedgate.tlsproxy.netty.ProxyFixture.INSIDE;
import static io.fedgate.tlsproxy.netty.ProxyFixture.PARTNER;
import static io.fedgate.tlsproxy.netty.ProxyFixture.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fedgate.certstore.testkit.PeerVariant;
import io.fedgate.certstore.testkit.TestPki;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.tlsproxy.acl.AccessList;
import io.fedgate.tlsproxy.status.ClosedSession;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bad input on the outside port: each case closes only its own session, with a logged reason, while
 * another partner's session carries on; many such sessions leave no file descriptor behind. Run
 * once per TLS provider ({@link TlsProxyBadInputIT} BoringSSL, {@link TlsProxyBadInputJdkIT} the
 * JDK), which differ only in what a partner that half-closes gets back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TlsProxyBadInputCases {
  private final int MAX_SIP = 4096;
  private SipServerStub appliance;
  private TlsProxyServer proxy;
  private int publicPort;

  @BeforeAll
  void start() throws Exception {
    appliance = ProxyFixture.appliance(m -> SipMessages.ok(m, appliance.port()), halfCloses());
    publicPort = ProxyFixture.freePort(PUBLIC);
    AccessList acl =
        new AccessList(
            "partner_to_imp", List.of(permit("127.0.0.0/8", INSIDE, appliance.port(), null)));
    proxy =
        new TlsProxyServer(
            ProxyFixture.inbound(
                publicPort, appliance.port(), acl, MAX_SIP, Duration.ofMillis(1500)),
            ProxyFixture.trustPoints(ProxyFixture.PROXY_INSIDE_ID),
            new PeerTrust(TestPki.clock()),
            TestPki.clock(),
            new SecureRandom(),
            2,
            provider());
    proxy.start();
  }

  @AfterAll
  void stop() throws IOException {
    proxy.close();
    appliance.close();
  }

  private SSLSocket partner() throws IOException {
    return ProxyFixture.connect(ProxyFixture.partner(PeerVariant.GOOD), PARTNER, publicPort);
  }

  private Socket plain() throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(PARTNER, 0));
    socket.connect(new InetSocketAddress(PUBLIC, publicPort), 5_000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** Reads until the proxy closes; the bytes (a TLS alert at most) are not SIP. */
  private void awaitEof(InputStream in) {
    try {
      while (in.read() >= 0) {
        // drain
      }
    } catch (IOException e) {
      // a reset or a TLS alert also ends the session
    }
  }

  private String reasonOf(String client) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                proxy.recentlyClosed().stream().anyMatch(c -> c.session().client().equals(client)));
    return proxy.recentlyClosed().stream()
        .filter(c -> c.session().client().equals(client))
        .map(ClosedSession::reason)
        .findFirst()
        .orElseThrow();
  }

  private String local(Socket socket) {
    return PARTNER + ":" + socket.getLocalPort();
  }

  private String nonTls() throws IOException {
    try (Socket socket = plain()) {
      socket.getOutputStream().write(SipWire.bytes("OPTIONS sip:x@y SIP/2.0\r\n\r\n"));
      awaitEof(socket.getInputStream());
      return local(socket);
    }
  }

  private String oversized() throws IOException {
    try (SSLSocket socket = partner()) {
      socket
          .getOutputStream()
          .write(SipWire.bytes(SipMessages.message("partner.example", "x".repeat(MAX_SIP))));
      awaitEof(socket.getInputStream());
      return local(socket);
    }
  }

  private String malformed() throws IOException {
    try (SSLSocket socket = partner()) {
      socket
          .getOutputStream()
          .write(SipWire.bytes("MESSAGE sip:a@example.com SIP/2.0\r\nno colon\r\n\r\n"));
      awaitEof(socket.getInputStream());
      return local(socket);
    }
  }

  abstract TlsProvider provider();

  /**
   * Whether partners can half-close through this provider; if so the appliance stub answers only
   * once the partner's half-close reached it, else at once.
   */
  abstract boolean halfCloses();

  /**
   * What a partner that sent a request and then its close_notify reads back: the answer (the JDK,
   * TLS 1.3) or only the proxy's own close_notify (BoringSSL answers a close_notify at once).
   */
  abstract void halfClosedPartnerReads(InputStream in) throws IOException;

  /** The reason the proxy logs for the half-closed session. */
  abstract String halfClosedReason();

  /** A partner that sends its request and half-closes: its request reaches the appliance. */
  private String halfClosed() throws IOException {
    try (SSLSocket socket = partner()) {
      String body = "hi " + socket.getLocalPort();
      socket.getOutputStream().write(SipWire.bytes(SipMessages.message("partner.example", body)));
      socket.shutdownOutput();
      halfClosedPartnerReads(socket.getInputStream());
      await().until(() -> appliance.received.stream().anyMatch(m -> m.endsWith("\r\n\r\n" + body)));
      return local(socket);
    }
  }

  @Test
  void eachBadSessionIsClosedWithItsReasonAndAnotherSessionCarriesOn() throws Exception {
    try (SSLSocket bystander = partner()) {
      bystander.startHandshake();
      await().until(() -> !proxy.sessions().isEmpty());

      assertThat(reasonOf(nonTls())).isEqualTo("client not-tls");
      assertThat(reasonOf(oversized())).startsWith("inspection [TOO_LARGE]");
      assertThat(reasonOf(malformed()))
          .isEqualTo("inspection [MALFORMED] header line without a name and ':'");
      try (Socket stalled = plain()) {
        stalled.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x60});
        awaitEof(stalled.getInputStream());
        assertThat(reasonOf(local(stalled))).isEqualTo("client handshake-timeout");
      }
      assertThat(reasonOf(halfClosed())).isEqualTo(halfClosedReason());

      bystander
          .getOutputStream()
          .write(SipWire.bytes(SipMessages.message("partner.example", "still")));
      if (halfCloses()) {
        bystander.shutdownOutput();
      }
      assertThat(SipWire.read(bystander.getInputStream())).startsWith("SIP/2.0 200 OK\r\n");
    }
    assertThat(appliance.received).anyMatch(m -> m.endsWith("\r\n\r\nstill"));
  }

  @Test
  void manyBadSessionsLeaveNoFileDescriptorBehind() throws Exception {
    runBadSessions(1, 2); // warm up: classes loaded, event loops and selectors open
    await().until(() -> proxy.sessions().isEmpty());
    long before = openFds();

    runBadSessions(30, 20);

    await().atMost(Duration.ofSeconds(20)).until(() -> proxy.sessions().isEmpty());
    await().atMost(Duration.ofSeconds(10)).until(() -> openFds() <= before);
    assertThat(openFds()).isLessThanOrEqualTo(before);
  }

  private void runBadSessions(int rounds, int stalled) throws Exception {
    List<Socket> stalling = new ArrayList<>();
    try {
      for (int i = 0; i < stalled; i++) {
        stalling.add(plain());
      }
      for (int i = 0; i < rounds; i++) {
        nonTls();
        oversized();
        malformed();
        halfClosed();
      }
      for (Socket socket : stalling) {
        awaitEof(socket.getInputStream());
      }
    } finally {
      for (Socket socket : stalling) {
        socket.close();
      }
    }
  }

  private long openFds() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }
}
