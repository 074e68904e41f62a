package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fedgate.appliance.boot.ListenerId;
import io.fedgate.appliance.service.BoundListener;
import io.fedgate.appliance.service.ServiceName;
import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.PeerVariant;
import io.fedgate.certstore.testkit.TestFiles;
import io.fedgate.certstore.testkit.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "TLS Proxy" service of a running node (outside 127.0.0.44, peer-auth address 127.0.0.45) seen
 * through {@code fedgate tls-proxy sessions|acl}, and the standalone runner's config checks.
 */
class TlsProxyCliIT {
  @TempDir Path temp;
  private TestNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private static TestNode.CliRun run(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code =
        FedgateCli.execute(
            args, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
    return new TestNode.CliRun(code, out.toString(), err.toString());
  }

  private static int freePort(String address) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
      return socket.getLocalPort();
    }
  }

  /**
   * A partner presenting the test PKI's good certificate, not checking the proxy's (self-signed).
   */
  private static SSLContext partnerTls() throws Exception {
    return partnerTls(TestPki.shared().leaf(PeerVariant.GOOD));
  }

  /** A partner presenting {@code leaf}, not checking the proxy's certificate. */
  private static SSLContext partnerTls(IssuedIdentity leaf) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("p", leaf.privateKey(), new char[0], leaf.chain().toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    TrustManager anyServer =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), new TrustManager[] {anyServer}, null);
    return tls;
  }

  @Test
  void theNodesProxyRefusesAPartnerOutsideCupTrustAndShowsWhy() throws Exception {
    node =
        TestNode.start(
            temp.resolve("data"),
            "listener.tls-proxy-outside.enabled = true\n"
                + "listener.tls-proxy-outside.address = 127.0.0.44\n"
                + "listener.tls-proxy-outside.port = 0\n"
                + "listener.sip-peer-auth.enabled = false\n"
                + "listener.sip-peer-auth.address = 127.0.0.45\n"
                + "listener.sip-peer-auth.port = "
                + freePort("127.0.0.45")
                + "\n");
    List<BoundListener> listeners = node.node.services().status(ServiceName.TLS_PROXY).listeners();
    assertThat(listeners)
        .extracting(BoundListener::id)
        .containsExactly(ListenerId.TLS_PROXY_OUTSIDE.id());
    int port = listeners.get(0).boundPort();
    assertThat(node.local("tls-proxy", "sessions").out()).contains("open sessions: 0");

    try (SSLSocket partner = (SSLSocket) partnerTls().getSocketFactory().createSocket()) {
      partner.bind(new InetSocketAddress("127.0.0.40", 0));
      partner.connect(new InetSocketAddress("127.0.0.44", port), 5_000);
      partner.setSoTimeout(10_000);
      partner.startHandshake();
      try {
        partner
            .getOutputStream()
            .write("OPTIONS sip:x SIP/2.0\r\nContent-Length: 0\r\n\r\n".getBytes());
        assertThat(partner.getInputStream().read()).isEqualTo(-1);
      } catch (IOException refused) {
        // the proxy's alert ends the connection too, maybe before the write
      }
    }

    await()
        .untilAsserted(
            () ->
                assertThat(node.local("tls-proxy", "sessions").out())
                    .contains("127.0.0.40:")
                    .contains("client certificate-refused [UNTRUSTED_ROOT]"));
    TestNode.CliRun acl = node.local("tls-proxy", "acl");
    assertThat(acl.exitCode()).isZero();
    assertThat(acl.out())
        .contains("access-list outside_to_peer_auth line 1 permit tcp any host 127.0.0.45 eq")
        .contains("access-list outside_to_peer_auth line 0 implicit deny (hitcnt=0)");
  }

  private static IssuedIdentity partnerLeaf(String name) {
    Instant now = Instant.now();
    return CertificateBuilder.leaf(name)
        .dns(name)
        .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)))
        .signedBy(TestCertificates.PKI.intermediate());
  }

  /** Sends an OPTIONS through the proxy from {@code source}; the answer's start line or "". */
  private static String options(SSLContext tls, String source, int port) throws IOException {
    try (SSLSocket partner = (SSLSocket) tls.getSocketFactory().createSocket()) {
      partner.bind(new InetSocketAddress(source, 0));
      partner.connect(new InetSocketAddress("127.0.0.44", port), 5_000);
      partner.setSoTimeout(15_000);
      partner.startHandshake();
      partner
          .getOutputStream()
          .write(
              ("OPTIONS sip:127.0.0.44:"
                      + port
                      + ";transport=tls SIP/2.0\r\n"
                      + "Via: SIP/2.0/TLS "
                      + source
                      + ":5061;branch=z9hG4bK-opt1\r\n"
                      + "Max-Forwards: 70\r\n"
                      + "From: <sip:sip.partner.test>;tag=o1\r\n"
                      + "To: <sip:127.0.0.44:"
                      + port
                      + ">\r\n"
                      + "Call-ID: opt1@partner.test\r\n"
                      + "CSeq: 1 OPTIONS\r\n"
                      + "Content-Length: 0\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      StringBuilder line = new StringBuilder();
      int b;
      while ((b = partner.getInputStream().read()) >= 0 && b != '\r') {
        line.append((char) b);
      }
      return line.toString();
    } catch (SSLException | java.net.SocketException refused) {
      return "";
    }
  }

  @Test
  void theNodesProxyAdmitsOnlyTheNodesPeerSubjectsAndTheNodeAdmitsTheProxy() throws Exception {
    node =
        TestNode.start(
            temp.resolve("data"),
            "listener.tls-proxy-outside.enabled = true\n"
                + "listener.tls-proxy-outside.address = 127.0.0.44\n"
                + "listener.tls-proxy-outside.port = 0\n"
                + "listener.sip-peer-auth.address = 127.0.0.45\n"
                + "listener.sip-peer-auth.port = "
                + freePort("127.0.0.45")
                + "\n");
    Path root =
        TestCertificates.write(
            temp.resolve("root.pem"),
            TestFiles.pem(List.of(TestCertificates.PKI.root().certificate())));
    ok(node.local("certs", "import-trust", "cup-trust", root.toString()));
    // the proxy's two legs trust each other through cup-trust: the node's own cup certificate
    Path cup = temp.resolve("cup.pem");
    ok(node.local("certs", "export", "cup", "cup", "--out", cup.toString()));
    ok(node.local("certs", "import-trust", "cup-trust", cup.toString()));
    ok(node.local("tls", "peer-subjects", "add", "sip.partner.test"));
    ok(node.local("utils", "service", "restart", "SIP Proxy"));
    ok(node.local("utils", "service", "restart", "TLS Proxy"));
    int port = node.node.services().status(ServiceName.TLS_PROXY).listeners().get(0).boundPort();

    String stranger = options(partnerTls(partnerLeaf("sip.other.test")), "127.0.0.40", port);

    assertThat(stranger).isEmpty();
    await()
        .untilAsserted(
            () ->
                assertThat(node.local("tls-proxy", "sessions").out())
                    .contains("client certificate-refused [NOT_IN_PEER_SUBJECTS]"));

    String listed = options(partnerTls(partnerLeaf("sip.partner.test")), "127.0.0.41", port);

    assertThat(listed).startsWith("SIP/2.0 ");
    assertThat(node.local("tls-proxy", "sessions").out())
        .doesNotContain("target certificate-refused")
        .doesNotContain("target tls-failed");
  }

  private static void ok(TestNode.CliRun run) {
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
  }

  @Test
  void theStandaloneRunnerRefusesABrokenConfigWithEveryProblem() throws IOException {
    Path config = temp.resolve("proxy.properties");
    Files.writeString(
        config,
        "instance.edge.direction = sideways\ninstance.edge.access-list = none\npat.1 = nowhere\n");

    TestNode.CliRun run = run("tls-proxy", "--config", config.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("instance.edge.direction: inbound or outbound")
        .contains("pat.1: INSIDE:PORT PUBLIC:PORT [INSTANCE]");
  }

  @Test
  void aConfigFileExportsToAsaAndTheAsaSnippetReadsBack() throws IOException {
    Path folder = Files.createDirectories(temp.resolve("edge"));
    var pki = TestPki.shared();
    var id = pki.leaf(PeerVariant.GOOD);
    Files.write(folder.resolve("id.pem"), TestFiles.pem(id.chainWithoutRoot()));
    Files.write(folder.resolve("id.key"), TestFiles.keyPem(id.privateKey()));
    Files.write(folder.resolve("root.pem"), TestFiles.pem(List.of(pki.root().certificate())));
    Path config = folder.resolve("proxy.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "trustpoint.public.certificate = id.pem",
            "trustpoint.public.key = id.key",
            "trustpoint.ca.certificate = root.pem",
            "instance.in.direction = inbound",
            "instance.in.server-trust-point = public",
            "instance.in.server-trust = ca",
            "instance.in.client-trust-point = public",
            "instance.in.client-trust = ca",
            "instance.in.upstream-name = imp.example.com",
            "instance.in.access-list = partners",
            "acl.partners.1 = permit tcp any host 10.0.0.41 eq 5062",
            "pat.1 = 10.0.0.41:5062 192.0.2.10:5061 in",
            ""));

    TestNode.CliRun export = run("tls-proxy", "asa-export", "--config", config.toString());
    assertThat(export.exitCode()).isZero();
    assertThat(export.out())
        .contains(" nat (inside,outside) static 192.0.2.10 service tcp 5062 5061")
        .contains("  inspect sip fedgate_sip tls-proxy in");
    Path snippet = folder.resolve("asa.txt");
    Files.writeString(snippet, export.out() + "interface GigabitEthernet0/0\n");

    TestNode.CliRun read = run("tls-proxy", "asa-import", snippet.toString());
    assertThat(read.exitCode()).isEqualTo(2);
    assertThat(read.err())
        .contains("line " + (export.out().lines().count() + 1) + ": not understood");
    Files.writeString(snippet, export.out());
    TestNode.CliRun ok = run("tls-proxy", "asa-import", snippet.toString());
    assertThat(ok.out())
        .contains(
            "read 2 trust point(s), 1 tls-proxy instance(s), 1 access list(s), 1 PAT mapping(s)");
    assertThat(ok.exitCode()).isZero();
  }
}
