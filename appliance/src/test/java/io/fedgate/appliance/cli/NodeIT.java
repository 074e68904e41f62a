package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.appliance.node.DataDirectoryInUseException;
import io.fedgate.appliance.node.LocalCredential;
import io.fedgate.appliance.node.Node;
import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.service.ServiceState;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole node in this JVM on loopback, driven through its CLI and admin endpoint. */
class NodeIT {
  @TempDir Path temp;
  private TestNode node;

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(temp.resolve("data"));
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void firstStartCreatesTheDataDirectoryWithOwnerOnlySecrets() throws Exception {
    Path data = temp.resolve("data");
    assertThat(data.resolve("db")).isDirectory();
    assertThat(data.resolve("logs")).isDirectory();
    for (String secret : new String[] {"secrets/master.key", "secrets/cli.credential"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(secret))))
          .as(secret)
          .isEqualTo("rw-------");
    }
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("secrets"))))
        .isEqualTo("rwx------");
    assertThat(node.printedPassword()).hasValueSatisfying(p -> assertThat(p).hasSize(20));
    assertThat(Files.readString(data.resolve("secrets/cli.credential")))
        .doesNotContain(node.printedPassword().get());
  }

  @Test
  void statusReportsTheBoundPortOfAPortZeroListenerAndEveryService() {
    TestNode.CliRun status = node.local("status");

    assertThat(status.exitCode()).isZero();
    int port = node.adminUrl().getPort();
    assertThat(port).isPositive();
    assertThat(status.out())
        .contains("fedgate node localhost")
        .containsPattern("admin\\s+127\\.0\\.0\\.1:0\\s+bound " + port)
        .contains("sip-tcp", "disabled")
        .contains("XCP Router", "Admin Web");
    assertThat(status.out().lines().filter(l -> l.contains("RUNNING"))).hasSize(7);
  }

  @Test
  void restartingTheXcpRouterFromTheCliRestartsItsDependents() {
    var before = node.node.services().status(ServiceName.XMPP_CONNECTION_MANAGER).since();

    TestNode.CliRun restart = node.local("utils", "service", "restart", "xcp router");

    assertThat(restart.exitCode()).isZero();
    assertThat(restart.out())
        .contains("XCP Router: restart done (RUNNING)")
        .contains("XMPP Connection Manager", "SIP Proxy")
        .doesNotContain("TLS Proxy");
    assertThat(node.node.services().status(ServiceName.XMPP_CONNECTION_MANAGER).since())
        .isAfterOrEqualTo(before);
    assertThat(
            node.local("utils", "service", "list").out().lines().filter(l -> l.contains("RUNNING")))
        .hasSize(7);
  }

  @Test
  void stoppingAndStartingOneServiceLeavesTheProcessUp() {
    assertThat(node.local("utils", "service", "stop", "SIP Proxy").exitCode()).isZero();
    assertThat(node.node.services().status(ServiceName.SIP_PROXY).state())
        .isEqualTo(ServiceState.STOPPED);
    assertThat(node.local("status").out()).containsPattern("SIP Proxy\\s+STOPPED");

    assertThat(node.local("utils", "service", "start", "Cisco SIP Proxy").exitCode()).isZero();
    assertThat(node.node.services().status(ServiceName.SIP_PROXY).state())
        .isEqualTo(ServiceState.RUNNING);
  }

  @Test
  void anUnknownServiceNameIsRefusedByName() {
    TestNode.CliRun run = node.local("utils", "service", "restart", "XCP Routr");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no service named 'XCP Routr'");
  }

  @Test
  void aParameterChangeIsAuditedAndFlagsTheServicesUntilRestarted() {
    TestNode.CliRun set =
        node.local("utils", "param", "set", "sip.federation-routing-fqdn", "imp.example.com");

    assertThat(set.exitCode()).isZero();
    assertThat(set.out()).contains("restart required: [\"XCP Router\"]");
    assertThat(node.local("utils", "service", "list").out())
        .containsPattern(
            "XCP Router\\s+RUNNING\\s+\\[restart required: parameter sip.federation-routing-fqdn changed\\]");
    assertThat(node.local("utils", "audit", "--limit", "1").out())
        .contains(
            "admin",
            "UPDATE",
            "parameter/sip.federation-routing-fqdn",
            "\"\" -> \"imp.example.com\"");

    node.local("utils", "service", "restart", "XCP Router");
    assertThat(node.local("utils", "service", "list").out()).doesNotContain("restart required");
  }

  @Test
  void aLiveParameterIsAppliedWithoutRestart() {
    TestNode.CliRun set =
        node.local("utils", "param", "set", "presence.offline-messages-per-user", "25");

    assertThat(set.out()).contains("applied live to: [\"XCP Router\"]");
    assertThat(node.node.parameters().value("presence.offline-messages-per-user")).isEqualTo("25");
    assertThat(node.local("utils", "service", "list").out()).doesNotContain("restart required");
  }

  @Test
  void aBadParameterValueNamesTheFieldAndStoresNothing() {
    TestNode.CliRun set =
        node.local("utils", "param", "set", "presence.offline-messages-per-user", "lots");

    assertThat(set.exitCode()).isEqualTo(1);
    assertThat(set.err())
        .contains("presence.offline-messages-per-user: must be a whole number between 0 and 10000");
    assertThat(node.node.parameters().value("presence.offline-messages-per-user")).isEqualTo("100");
    assertThat(node.node.recentAudit(50))
        .noneMatch(e -> e.objectId().equals("presence.offline-messages-per-user"));
  }

  @Test
  void aRemoteCliAuthenticatesWithThePrintedPassword() throws Exception {
    Path passwordFile = Files.writeString(temp.resolve("pw"), node.printedPassword().orElseThrow());
    Path wrongFile = Files.writeString(temp.resolve("wrong"), "not-the-password");
    String url = node.adminUrl().toString();
    String ca = node.adminCertificate().toString();

    TestNode.CliRun ok =
        node.cli(
            "status", "--url", url, "--password-file", passwordFile.toString(), "--cacert", ca);
    TestNode.CliRun refused =
        node.cli("status", "--url", url, "--password-file", wrongFile.toString(), "--cacert", ca);
    TestNode.CliRun untrusted =
        node.cli("status", "--url", url, "--password-file", passwordFile.toString());

    assertThat(ok.exitCode()).isZero();
    assertThat(ok.out()).contains("fedgate node localhost");
    assertThat(refused.exitCode()).isEqualTo(FedgateCli.EXIT_UNAVAILABLE);
    assertThat(refused.err()).contains("the node refused the credentials");
    assertThat(untrusted.exitCode()).isEqualTo(FedgateCli.EXIT_UNAVAILABLE);
  }

  @Test
  void healthIsOpenButMetricsAndTheApiNeedCredentials() throws Exception {
    String token = LocalCredential.read(node.dataDir).orElseThrow().token();

    HttpResponse<String> health = node.get("/health", null);
    HttpResponse<String> anonymousMetrics = node.get("/metrics", null);
    HttpResponse<String> anonymousApi = node.get("/api/v1/status", null);
    HttpResponse<String> metrics = node.get("/metrics", "Bearer " + token);
    HttpResponse<String> badToken = node.get("/api/v1/status", "Bearer nope");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
    assertThat(anonymousMetrics.statusCode()).isEqualTo(401);
    assertThat(anonymousApi.statusCode()).isEqualTo(401);
    assertThat(anonymousApi.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
    assertThat(badToken.statusCode()).isEqualTo(401);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("fedgate_service_up{service=\"XCP Router\"} 1.0")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void theAdminPagesFollowTheAdminWebService() throws Exception {
    FormClient browser = new FormClient(node);
    assertThat(browser.get("/admin/").statusCode()).isEqualTo(303);
    browser.login("admin", node.printedPassword().orElseThrow());
    HttpResponse<String> page = browser.get("/admin/services");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Control Center", "XCP Router");

    node.local("utils", "service", "stop", "Admin Web");
    assertThat(browser.get("/admin/services").statusCode()).isEqualTo(503);
    assertThat(node.local("status").exitCode()).isZero();
  }

  @Test
  void malformedRequestsGetAClearErrorWithoutAStackTrace() throws Exception {
    String token = LocalCredential.read(node.dataDir).orElseThrow().token();
    HttpResponse<String> response =
        node.https()
            .send(
                HttpRequest.newBuilder(
                        node.adminUrl().resolve("/api/v1/parameters/sip.im-gateway-status"))
                    .header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.ofString("{not json"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("body must be JSON").doesNotContain("Exception", "at io.");
  }

  @Test
  void aSecondNodeOnTheSameDataDirectoryRefusesToStart() {
    assertThatThrownBy(
            () ->
                Node.start(
                    node.node.config(),
                    Clock.systemUTC(),
                    new java.io.PrintWriter(java.io.Writer.nullWriter())))
        .isInstanceOf(DataDirectoryInUseException.class)
        .hasMessageContaining("is in use by another fedgate node");
    assertThat(node.local("status").exitCode()).isZero();
  }

  @Test
  void aRestartedNodeKeepsItsIdentityAndPrintsNoNewPassword() throws Exception {
    String certificate = Files.readString(node.adminCertificate());
    node.close();
    assertThat(node.dataDir.resolve("run/node.properties")).doesNotExist();
    assertThat(node.local("status").exitCode()).isEqualTo(FedgateCli.EXIT_UNAVAILABLE);

    node = TestNode.start(temp.resolve("data"));

    assertThat(node.printedPassword()).isEmpty();
    assertThat(Files.readString(node.adminCertificate())).isEqualTo(certificate);
    assertThat(node.local("status").exitCode()).isZero();
  }
}
