package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.appliance.node.TlsContexts;
import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.TestFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fedgate doctor} against a partner Edge on loopback (a mutual-TLS SIP listener answering
 * OPTIONS, with a certificate from the test PKI): each failing step names its reason and the side
 * that must act, and passes once the operator has made that change.
 */
class FederationDoctorIT {
  private static final String EDGE_ADDRESS = "127.0.0.70";

  @TempDir Path temp;
  private TestNode node;
  private Edge edge;

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(temp.resolve("data"));
    Instant now = Instant.now();
    IssuedIdentity identity =
        CertificateBuilder.leaf("edge.partner.test")
            .dns("edge.partner.test")
            .ip(EDGE_ADDRESS)
            .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)))
            .signedBy(TestCertificates.PKI.intermediate());
    edge = new Edge(identity);
  }

  @AfterEach
  void stop() throws IOException {
    edge.close();
    node.close();
  }

  @Test
  void eachFailingStepSaysWhoMustFixWhatAndPassesOnceFixed() throws Exception {
    TestNode.CliRun first = node.local("doctor", "partner.test");

    assertThat(first.exitCode()).isEqualTo(1);
    assertThat(first.out())
        .contains("WARN SIP   sip-federated-domain")
        .contains("FAIL SIP   route", "reason: route-blocked", "fix (local side)")
        .contains("overall: FAIL");

    node.local("sip-domains", "add", "partner.test");
    node.local(
        "routes",
        "add",
        "--domain",
        "partner.test",
        "--next-hop",
        EDGE_ADDRESS,
        "--port",
        String.valueOf(edge.port()),
        "--protocol",
        "tls");
    TestNode.CliRun untrusted = node.local("doctor", "partner.test");

    assertThat(untrusted.out())
        .contains("PASS SIP   sip-federated-domain   declared as LYNC federation")
        .contains("PASS SIP   tcp                    connected to " + EDGE_ADDRESS)
        .contains("PASS SIP   tls-handshake")
        .contains("WARN SIP   peer-name", "reason: next-hop-is-ip")
        .contains("FAIL SIP   peer-certificate", "reason: untrusted-root", "fix (local side)")
        .contains("FAIL SIP   inbound-acceptance")
        .contains("SKIP SIP   sip-options");
    assertThat(edge.clientCertificates)
        .as("the node presents its cup identity to the Edge")
        .isNotEmpty();

    Path root =
        TestCertificates.write(
            temp.resolve("root.pem"),
            TestFiles.pem(List.of(TestCertificates.PKI.root().certificate())));
    node.local("certs", "import-trust", "cup-trust", root.toString());
    TestNode.CliRun aclRefused = node.local("doctor", "partner.test");

    assertThat(aclRefused.out())
        .contains("PASS SIP   peer-certificate")
        .contains("PASS SIP   inbound-acceptance")
        .contains("FAIL SIP   incoming-acl", "reason: denied-ip-not-listed")
        .contains("PASS SIP   sip-options            SIP/2.0 200 OK");

    node.local("acl", "add", "ip", EDGE_ADDRESS);
    TestNode.CliRun sipHealthy = node.local("doctor", "partner.test");

    assertThat(sipHealthy.out()).contains("PASS SIP   incoming-acl").doesNotContain("FAIL SIP");
    assertThat(edge.requests).anyMatch(r -> r.startsWith("OPTIONS sip:partner.test SIP/2.0"));
  }

  @Test
  void aDomainThatIsNotADnsNameIsRefusedWithoutTouchingTheNetwork() {
    TestNode.CliRun bad = node.local("doctor", "not a domain");

    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.out()).contains("FAIL ANY   domain", "reason: domain-invalid");
  }

  /** A partner Edge: mutual TLS on loopback, answers every request with 200 OK. */
  private static final class Edge implements AutoCloseable {
    final List<X509Certificate> clientCertificates = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final SSLServerSocket server;
    private final Thread acceptor;

    Edge(IssuedIdentity identity) throws IOException {
      X509TrustManager recording =
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
              clientCertificates.add(chain[0]);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          };
      server =
          (SSLServerSocket)
              TlsContexts.withKeys(identity.toIdentity(), new TrustManager[] {recording})
                  .getServerSocketFactory()
                  .createServerSocket();
      server.setNeedClientAuth(true);
      server.bind(new InetSocketAddress(InetAddress.getByName(EDGE_ADDRESS), 0));
      acceptor = new Thread(this::serve, "partner-edge");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void serve() {
      while (!server.isClosed()) {
        try (SSLSocket socket = (SSLSocket) server.accept()) {
          socket.setSoTimeout(5_000);
          BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
          String requestLine = in.readLine();
          String line;
          while ((line = in.readLine()) != null && !line.isEmpty()) {
            // headers: the doctor sends no body
          }
          if (requestLine != null) {
            requests.add(requestLine);
            OutputStream out = socket.getOutputStream();
            out.write(
                ("SIP/2.0 200 OK\r\nAllow: INVITE, MESSAGE, OPTIONS\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
          }
        } catch (IOException e) {
          // a probe that closed early (the doctor skips OPTIONS when it does not trust us)
        }
      }
    }

    @Override
    public void close() throws IOException {
      ServerSocket s = server;
      s.close();
    }
  }
}
