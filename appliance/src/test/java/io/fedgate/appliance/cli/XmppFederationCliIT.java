package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.store.AuditEntry;
import io.fedgate.appliance.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XMPP Federation Settings, DNS overrides and XMPP partners through the CLI of a running node. */
class XmppFederationCliIT {
  private static final String SECRET = "gw-secret-0123456789";

  @TempDir Path temp;
  private TestNode node;

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(temp.resolve("data"));
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void settingsChangeNeedARestartAndTheDialbackSecretIsNeverShown() throws Exception {
    assertThat(node.local("xmpp", "settings").out())
        .contains(
            "XMPP federation:            off",
            "security mode:              TLS Required",
            "dialback secret:            not set (dialback off)",
            "DNS resolver:               system resolver");
    Path secretFile = temp.resolve("secret.txt");
    Files.writeString(secretFile, SECRET + "\n");

    TestNode.CliRun set =
        node.local(
            "xmpp",
            "settings",
            "set",
            "--enabled",
            "true",
            "--security-mode",
            "tls-optional",
            "--sasl-outbound",
            "false",
            "--dialback-secret-file",
            secretFile.toString(),
            "--dns-resolver",
            "127.0.0.53:5353");

    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(set.out()).contains("restart required: XMPP Federation Connection Manager");
    assertThat(node.local("xmpp", "settings").out())
        .contains(
            "XMPP federation:            on",
            "security mode:              TLS Optional",
            "SASL EXTERNAL outbound:     false",
            "dialback secret:            set",
            "DNS resolver:               127.0.0.53:5353");
    assertThat(
            node.node
                .services()
                .status(ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER)
                .restartRequired())
        .isTrue();
    assertThat(node.node.federation().xmppSettings().active().dialbackSecret()).isEqualTo(SECRET);
    assertThat(node.node.federation().xmppSettings().active().toString()).doesNotContain(SECRET);
    assertThat(node.node.federation().xmppSettings().show().toString()).doesNotContain(SECRET);
    assertThat(node.local("utils", "audit", "--limit", "5").out()).doesNotContain(SECRET);
    assertThat(audit())
        .filteredOn(e -> e.objectType().equals("xmpp-federation-settings"))
        .singleElement()
        .satisfies(e -> assertThat(e.after()).contains("\"dialbackSecretSet\":true"));
    assertThat(storedSecretColumn()).isNotNull().doesNotContain(SECRET);
    try (Stream<Path> logs = Files.walk(node.dataDir.resolve("logs"))) {
      for (Path log : logs.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).doesNotContain(SECRET);
      }
    }

    assertThat(node.local("xmpp", "settings", "set", "--no-dialback-secret").exitCode())
        .isEqualTo(1); // SASL outbound is off: dialback is the only way out
    assertThat(node.node.federation().xmppSettings().show().dialbackSecretSet()).isTrue();
  }

  @Test
  void badSettingsAreRefusedWithEveryFieldNamedAndNothingStored() throws Exception {
    int auditBefore = audit().size();
    Path shortSecret = temp.resolve("short.txt");
    Files.writeString(shortSecret, "abc");

    TestNode.CliRun bad =
        node.local(
            "xmpp",
            "settings",
            "set",
            "--enabled",
            "maybe",
            "--security-mode",
            "tls-sometimes",
            "--sasl-inbound",
            "yes",
            "--dns-resolver",
            "resolver.example:53");
    TestNode.CliRun noTls =
        node.local(
            "xmpp",
            "settings",
            "set",
            "--enabled",
            "true",
            "--security-mode",
            "no-tls",
            "--require-client-cert",
            "false");
    TestNode.CliRun tooShort =
        node.local("xmpp", "settings", "set", "--dialback-secret-file", shortSecret.toString());

    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err())
        .contains(
            "enabled: must be true or false",
            "securityMode: 'tls-sometimes' is not one of",
            "saslExternalInbound: must be true or false",
            "dnsResolver: 'resolver.example:53' is not an IP address");
    assertThat(noTls.exitCode()).isEqualTo(1);
    assertThat(tooShort.exitCode()).isEqualTo(1);
    assertThat(tooShort.err()).contains("dialbackSecret: must be 8 to 255 characters long");
    assertThat(noTls.err())
        .doesNotContain("requireClientCertificate")
        .contains(
            "saslExternalInbound: only available with security mode TLS Optional or TLS"
                + " Required",
            "saslExternalOutbound: only available",
            "dialbackSecret: No TLS federates by server dialback only");
    assertThat(node.local("xmpp", "settings").out()).contains("XMPP federation:            off");
    assertThat(audit()).hasSize(auditBefore);
    assertThat(
            node.node
                .services()
                .status(ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER)
                .restartRequired())
        .isFalse();
  }

  @Test
  void dnsOverridesAreAddedListedAndRemoved() {
    TestNode.CliRun add =
        node.local("xmpp", "dns-overrides", "add", "Prosody.Test", "127.0.0.21", "--port", "25269");
    TestNode.CliRun bad =
        node.local("xmpp", "dns-overrides", "add", "not a domain", "bad_host", "--port", "0");
    TestNode.CliRun duplicate =
        node.local("xmpp", "dns-overrides", "add", "prosody.test", "h.test");

    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.out())
        .contains(
            "DNS override prosody.test -> 127.0.0.21:25269",
            "restart required: XMPP Federation Connection Manager");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("domain: ", "host: ", "port: must be 1..65535");
    assertThat(duplicate.exitCode()).isEqualTo(1);
    assertThat(duplicate.err()).contains("prosody.test already has a DNS override");
    assertThat(node.local("xmpp", "dns-overrides").out()).contains("127.0.0.21:25269");

    assertThat(node.local("xmpp", "dns-overrides", "remove", "prosody.test").exitCode()).isZero();
    assertThat(node.local("xmpp", "dns-overrides").out()).doesNotContain("prosody.test");
    assertThat(node.local("xmpp", "dns-overrides", "remove", "prosody.test").err())
        .contains("no DNS override for prosody.test");
  }

  @Test
  void partnersFollowTheLyncMatrixAndNeverOverlapSipOrLocalDomains() {
    TestNode.CliRun add =
        node.local(
            "xmpp",
            "partners",
            "add",
            "Partner.Example",
            "--additional-domains",
            "chat.partner.example,muc.partner.example",
            "--type",
            "public-verified",
            "--tls",
            "optional",
            "--sasl",
            "optional",
            "--dialback",
            "true");
    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.out())
        .contains(
            "added XMPP partner partner.example",
            "warning: saslNegotiation: SASL needs TLS",
            "restart required: XMPP Federation Connection Manager");
    assertThat(node.local("xmpp", "partners", "list").out())
        .containsPattern(
            "partner.example\\s+public-verified\\s+optional\\s+optional\\s+true\\s+"
                + "chat.partner.example, muc.partner.example");

    int auditBefore = audit().size();
    TestNode.CliRun invalid =
        node.local("xmpp", "partners", "add", "strict.example", "--tls", "not-supported");
    TestNode.CliRun badFields =
        node.local(
            "xmpp",
            "partners",
            "add",
            "bad_domain",
            "--type",
            "friendly",
            "--connection-limit",
            "5000",
            "--keep-alive",
            "sometimes",
            "--additional-domains",
            "chat.partner.example");
    node.local("sip-domains", "add", "lync.example");
    int afterSip = audit().size();
    TestNode.CliRun overlap = node.local("xmpp", "partners", "add", "lync.example");
    TestNode.CliRun local =
        node.local("xmpp", "partners", "add", node.node.config().localDomains().get(0));

    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.err())
        .contains("saslNegotiation: SASL negotiation is impossible without TLS");
    assertThat(badFields.exitCode()).isEqualTo(1);
    assertThat(badFields.err())
        .contains("partnerType: 'friendly' is not one of", "keepAlive: must be true or false");
    assertThat(overlap.exitCode()).isEqualTo(1);
    assertThat(overlap.err()).contains("lync.example");
    assertThat(local.exitCode()).isEqualTo(1);
    assertThat(local.err()).contains("is a local domain of this node");
    assertThat(audit()).hasSize(afterSip);
    assertThat(afterSip).isGreaterThan(auditBefore); // only the SIP domain was stored

    TestNode.CliRun tighten =
        node.local("xmpp", "partners", "set", "partner.example", "--tls", "required");
    assertThat(tighten.exitCode()).as(tighten.err()).isZero();
    assertThat(node.local("xmpp", "partners", "show", "partner.example").out())
        .contains("TLS negotiation:    required", "SASL negotiation:   optional");
    TestNode.CliRun breakIt =
        node.local(
            "xmpp",
            "partners",
            "set",
            "partner.example",
            "--sasl",
            "not-supported",
            "--dialback",
            "false");
    assertThat(breakIt.exitCode()).isEqualTo(1);
    assertThat(breakIt.err())
        .contains("dialback: SASL negotiation is NOT_SUPPORTED and dialback is disabled");
    assertThat(node.local("xmpp", "partners", "remove", "partner.example").exitCode()).isZero();
    assertThat(node.local("xmpp", "partners", "list").out()).doesNotContain("partner.example");
    assertThat(node.local("xmpp", "partners", "show", "partner.example").exitCode()).isEqualTo(1);
  }

  @Test
  void theXmppPolicyIsTheSameObjectUnderItsFederationPath() throws Exception {
    assertThat(node.local("policy", "set", "xmpp", "deny").exitCode()).isZero();
    var response =
        node.get(
            "/api/v1/xmpp-federation/policy",
            "Bearer "
                + io.fedgate.appliance.node.LocalCredential.read(node.dataDir)
                    .orElseThrow()
                    .token());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"defaultAction\":\"DENY\"");
  }

  private String storedSecretColumn() throws Exception {
    try (Database database = Database.open(node.node.config().effectiveDbUrl(), "", "")) {
      return database.inTransaction(
          c -> {
            try (PreparedStatement query =
                    c.prepareStatement(
                        "SELECT sealed_dialback_secret FROM xmpp_federation_settings");
                ResultSet rows = query.executeQuery()) {
              rows.next();
              byte[] sealed = rows.getBytes(1);
              return sealed == null ? null : new String(sealed, StandardCharsets.ISO_8859_1);
            }
          });
    }
  }

  private List<AuditEntry> audit() {
    return node.node.recentAudit(1000);
  }
}
