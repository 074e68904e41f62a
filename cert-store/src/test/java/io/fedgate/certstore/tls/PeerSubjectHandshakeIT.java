package io.fedgate.certstore.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.PeerVariant;
import io.fedgate.certstore.testkit.TestPki;
import io.fedgate.certstore.trust.Decision;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.certstore.trust.RefusalReason;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real JSSE handshakes on 127.0.0.1: a peer-auth listener whose TLS context maps the peer subject
 * {@code sip.partner.example} admits the partner's certificate and refuses the others, with the
 * reason recorded in the decisions it reports and in the handshake failure.
 */
class PeerSubjectHandshakeIT {
  private static final TestPki PKI = TestPki.shared();
  private static final String NODE = "node1.fedgate.example";
  private static final int TIMEOUT_MS = 20_000;

  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final List<Decision> serverDecisions = new CopyOnWriteArrayList<>();
  private final List<Decision> clientDecisions = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private static final IssuedIdentity SERVER =
      CertificateBuilder.leaf(NODE).dns(NODE).signedBy(PKI.intermediate());

  private TlsContextFactory server() {
    TlsContext context =
        TlsContext.defaultPeerAuth(Instant.EPOCH)
            .withPeerSubjects(List.of("sip.partner.example"), Instant.EPOCH);
    return factory(
        context, new Identity(SERVER.privateKey(), SERVER.chainWithoutRoot()), serverDecisions);
  }

  private TlsContextFactory client(PeerVariant variant) {
    IssuedIdentity leaf = PKI.leaf(variant);
    Identity identity = new Identity(leaf.privateKey(), PKI.presentedChain(variant));
    return factory(TlsContext.defaultPeerAuth(Instant.EPOCH), identity, clientDecisions);
  }

  private static TlsContextFactory factory(
      TlsContext context, Identity identity, List<Decision> decisions) {
    return new TlsContextFactory(
        context,
        identity,
        PKI.trustStore(),
        new PeerTrust(TestPki.clock()),
        PeerNaming.SIP,
        decisions::add,
        new SecureRandom());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "GOOD, ",
    "WRONG_SAN, NOT_IN_PEER_SUBJECTS",
    "NO_CLIENT_AUTH, MISSING_CLIENT_AUTH_EKU",
    "UNKNOWN_ROOT, UNTRUSTED_ROOT",
    "EXPIRED, EXPIRED"
  })
  void thePeerSubjectListAdmitsAndRefuses(PeerVariant variant, RefusalReason expected)
      throws Exception {
    TlsContextFactory server = server();
    try (SSLServerSocket listener =
        (SSLServerSocket)
            server
                .sslContext()
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setSSLParameters(server.serverParameters(ClientAuth.NEED));
      Future<Throwable> accepted = executor.submit(() -> echoOnce(listener));

      Throwable clientFailure = catchThrowable(() -> exchange(client(variant), listener));
      Throwable serverFailure = accepted.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);

      assertThat(clientDecisions).singleElement().matches(Decision::trusted);
      if (expected == null) {
        assertThat(clientFailure).isNull();
        assertThat(serverFailure).isNull();
        assertThat(serverDecisions).singleElement().matches(Decision::trusted);
        return;
      }
      assertThat(clientFailure).as("the client sees the handshake fail").isNotNull();
      Optional<PeerRefusedException> refusal = PeerRefusedException.in(serverFailure);
      assertThat(refusal).as("server failure: %s", serverFailure).isPresent();
      assertThat(refusal.get().reason()).isEqualTo(expected);
      assertThat(refusal.get().getMessage()).startsWith("[" + expected + "]");
      assertThat(serverDecisions)
          .singleElement()
          .matches(d -> d instanceof Decision.Refused r && r.reason() == expected);
    }
  }

  @Test
  void theClientRefusesAServerThatDoesNotNameTheExpectedDomain() throws Exception {
    TlsContextFactory server = server();
    try (SSLServerSocket listener =
        (SSLServerSocket)
            server
                .sslContext()
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setSSLParameters(server.serverParameters(ClientAuth.NEED));
      Future<Throwable> accepted = executor.submit(() -> echoOnce(listener));
      TlsContextFactory client = client(PeerVariant.GOOD);

      Throwable failure = catchThrowable(() -> exchange(client, listener, "lync.partner.example"));
      accepted.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);

      assertThat(PeerRefusedException.in(failure))
          .map(PeerRefusedException::reason)
          .contains(RefusalReason.NAME_MISMATCH);
      assertThat(failure).hasStackTraceContaining("lync.partner.example");
    }
  }

  private static Throwable echoOnce(SSLServerSocket listener) {
    try (SSLSocket socket = (SSLSocket) listener.accept()) {
      socket.setSoTimeout(TIMEOUT_MS);
      socket.startHandshake();
      InputStream in = socket.getInputStream();
      int b = in.read();
      OutputStream out = socket.getOutputStream();
      out.write(b);
      out.flush();
      return null;
    } catch (Exception e) {
      return e;
    }
  }

  private static void exchange(TlsContextFactory client, SSLServerSocket listener)
      throws Exception {
    exchange(client, listener, NODE);
  }

  private static void exchange(TlsContextFactory client, SSLServerSocket listener, String domain)
      throws Exception {
    try (SSLSocket socket =
        (SSLSocket)
            client
                .sslContext()
                .getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
      socket.setSoTimeout(TIMEOUT_MS);
      socket.setSSLParameters(client.clientParameters(domain));
      socket.startHandshake();
      socket.getOutputStream().write('x');
      socket.getOutputStream().flush();
      int echoed = socket.getInputStream().read();
      if (echoed != 'x') {
        throw new java.io.EOFException("no echo: " + echoed);
      }
    }
  }
}
