package io.fedgate.tlsproxy.netty;

import static io.fedgate.tlsproxy.config.SampleConfigs.permit;
import static io.fedgate.tlsproxy.netty.ProxyFixture.INSIDE;
import static io.fedgate.tlsproxy.netty.ProxyFixture.PARTNER;
import static io.fedgate.tlsproxy.netty.ProxyFixture.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.TestFiles;
import io.fedgate.certstore.testkit.TestPki;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.tlsproxy.acl.AccessList;
import io.fedgate.tlsproxy.config.Endpoint;
import io.fedgate.tlsproxy.config.PatMapping;
import io.fedgate.tlsproxy.config.ProxyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIPp through the proxy, with real peers on both sides: SIPp UAC (TCP) -> stunnel client (the
 * partner's certificate) -> proxy -> stunnel server (the appliance's certificate, requires the
 * proxy's) -> SIPp UAS (TCP). Debian's SIPp has no TLS, hence stunnel (reference/peers.md). The
 * calls (INVITE with SDP, ACK, BYE) all succeed, and the UAC's trace shows the UAS's addresses
 * rewritten to the public ones.
 */
class SippThroughProxyInteropIT {
  private static final int CALLS = 10;
  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();
  private TlsProxyServer proxy;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    for (Process p : processes) {
      p.destroy();
    }
  }

  private Process start(String log, String... command) throws IOException {
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(log).toFile())
            .start();
    processes.add(process);
    return process;
  }

  /**
   * A leaf of the test PKI valid today: real peers check validity against the system clock, while
   * the test PKI's leaves are dated around {@link TestPki#NOW} (its CAs span both).
   */
  private static IssuedIdentity now(String name) {
    Instant today = Instant.now();
    return CertificateBuilder.leaf(name)
        .dns(name)
        .validity(today.minus(Duration.ofDays(1)), today.plus(Duration.ofDays(30)))
        .signedBy(TestPki.shared().intermediate());
  }

  private void write(String name, IssuedIdentity id) throws IOException {
    Files.write(dir.resolve(name + ".pem"), TestFiles.pem(id.chainWithoutRoot()));
    Files.write(dir.resolve(name + ".key"), TestFiles.keyPem(id.privateKey()));
  }

  private static boolean listening(String address, int port) throws IOException {
    Process ss = new ProcessBuilder("ss", "-ltn").redirectErrorStream(true).start();
    String out = new String(ss.getInputStream().readAllBytes());
    return out.contains(" " + address + ":" + port + " ");
  }

  @Test
  void sippCallsCrossTheProxyWithTheUasAddressesRewritten() throws Exception {
    TestPki pki = TestPki.shared();
    write("partner", now("sip.partner.example"));
    write("appliance", now(ProxyFixture.INSIDE_NAME));
    Files.write(dir.resolve("root.pem"), TestFiles.pem(List.of(pki.root().certificate())));
    int uasPort = ProxyFixture.freePort(INSIDE);
    int insidePort = ProxyFixture.freePort(INSIDE);
    int publicPort = ProxyFixture.freePort(PUBLIC);
    int clientPort = ProxyFixture.freePort(PARTNER);
    int uacPort = ProxyFixture.freePort(PARTNER);
    Files.writeString(
        dir.resolve("stunnel.conf"),
        String.join(
            "\n",
            "foreground = yes",
            "pid =",
            "debug = warning",
            "[partner]",
            "client = yes",
            "accept = " + PARTNER + ":" + clientPort,
            "connect = " + PUBLIC + ":" + publicPort,
            "local = " + PARTNER,
            "cert = " + dir.resolve("partner.pem"),
            "key = " + dir.resolve("partner.key"),
            "CAfile = " + dir.resolve("root.pem"),
            "verifyChain = yes",
            "[appliance]",
            "accept = " + INSIDE + ":" + insidePort,
            "connect = " + INSIDE + ":" + uasPort,
            "cert = " + dir.resolve("appliance.pem"),
            "key = " + dir.resolve("appliance.key"),
            "CAfile = " + dir.resolve("root.pem"),
            "verifyChain = yes",
            "requireCert = yes",
            ""));
    start("stunnel.log", "stunnel", dir.resolve("stunnel.conf").toString());
    start(
        "uas.log", "sipp", "-sn", "uas", "-t", "t1", "-i", INSIDE, "-p", "" + uasPort, "-nostdin");

    ProxyConfig base =
        ProxyFixture.inbound(
            publicPort,
            insidePort,
            new AccessList(
                "partner_to_imp", List.of(permit("127.0.0.40", INSIDE, insidePort, null))),
            65_536);
    List<PatMapping> pat = new ArrayList<>(base.patMappings());
    pat.add(
        new PatMapping(
            new Endpoint(INSIDE, uasPort), new Endpoint(PUBLIC, 45080), Optional.empty()));
    proxy =
        new TlsProxyServer(
            new ProxyConfig(base.trustPoints(), base.instances(), base.accessLists(), pat),
            new MapTrustPoints()
                .identity("imp_public", now(ProxyFixture.PUBLIC_NAME).toIdentity())
                .identity("imp_proxy", now(ProxyFixture.PROXY_INSIDE_NAME).toIdentity())
                .anchors("partner_ca", List.of(pki.root().certificate()))
                .anchors("cert_from_imp", List.of(pki.root().certificate())),
            new PeerTrust(Clock.systemUTC()),
            Clock.systemUTC(),
            new SecureRandom(),
            2);
    proxy.start();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> listening(INSIDE, uasPort) && listening(PARTNER, clientPort));

    Process uac =
        start(
            "uac.log",
            "sipp",
            "-sn",
            "uac",
            "-t",
            "t1",
            "-i",
            PARTNER,
            "-p",
            "" + uacPort,
            "-m",
            "" + CALLS,
            "-r",
            "5",
            "-l",
            "2",
            "-timeout",
            "60s",
            "-timeout_error",
            "-nostdin",
            "-trace_msg",
            "-message_file",
            "uac-messages.log",
            PARTNER + ":" + clientPort);

    assertThat(uac.waitFor(90, TimeUnit.SECONDS)).as("SIPp UAC finished").isTrue();
    String messages = Files.readString(dir.resolve("uac-messages.log"));
    assertThat(uac.exitValue())
        .as(
            "SIPp exit code (0 = all calls successful); uac log: %s",
            Files.readString(dir.resolve("uac.log")))
        .isZero();
    assertThat(messages)
        .contains("Contact: <sip:" + PUBLIC + ":45080;transport=TCP>")
        .contains("c=IN IP4 " + PUBLIC)
        .doesNotContain(INSIDE + ":" + uasPort);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isNotEmpty();
    }
  }
}
