package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.acl.guard.GuardDecision;
import io.fedgate.acl.policy.TrafficDirection;
import io.fedgate.appliance.federation.PolicyAdmin.Protocol;
import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.store.AuditEntry;
import io.fedgate.appliance.store.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routes, ACL, SIP domains, policy and guard edited through the CLI of a running node. */
class FederationCliIT {
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
  void staticRoutesAreAddedExplainedAndAppliedLive() {
    assertThat(node.local("routes", "list").out())
        .containsPattern("1\\s+\\.\\*\\s+domain.*blocked built-in");

    TestNode.CliRun add =
        node.local(
            "routes",
            "add",
            "--domain",
            "lync.example.com",
            "--next-hop",
            "edge.lync.example.com",
            "--port",
            "5061",
            "--protocol",
            "tls");
    TestNode.CliRun explain = node.local("routes", "explain", "sip:bob@lync.example.com");
    TestNode.CliRun unknown = node.local("routes", "explain", "bob@other.org");

    assertThat(add.exitCode()).isZero();
    assertThat(add.out())
        .contains(
            "route 2: .com.example.lync.* -> edge.lync.example.com:5061",
            "applied live to: SIP Proxy");
    assertThat(explain.out())
        .contains(
            "SELECTED",
            ".com.example.lync.*",
            "result: routed, first TLS:edge.lync.example.com:5061");
    assertThat(unknown.out()).contains("result: blocked by route .*");
    assertThat(node.node.services().status(ServiceName.SIP_PROXY).restartRequired()).isFalse();

    TestNode.CliRun open =
        node.local("routes", "set", "1", "--next-hop", "sipfed.example.net", "--blocked", "false");
    assertThat(open.exitCode()).isZero();
    assertThat(node.local("routes", "explain", "bob@other.org").out())
        .contains("result: routed, first TLS:sipfed.example.net:5061 via static route .*");

    assertThat(node.local("routes", "remove", "2").exitCode()).isZero();
    assertThat(node.local("routes", "list").out()).doesNotContain("lync.example.com");
    assertThat(audit()).extracting(AuditEntry::objectId).contains("1", "2");
  }

  @Test
  void aBadRouteIsRefusedWithEveryProblemAndNothingStored() {
    int auditBefore = audit().size();

    TestNode.CliRun add =
        node.local(
            "routes",
            "add",
            ".com.example.*",
            "--priority",
            "0",
            "--weight",
            "70000",
            "--port",
            "99999");
    TestNode.CliRun builtIn = node.local("routes", "remove", "1");

    assertThat(add.exitCode()).isEqualTo(1);
    assertThat(add.err()).contains("priority", "weight", "nextHopPort");
    assertThat(builtIn.exitCode()).isEqualTo(1);
    assertThat(builtIn.err()).contains("cannot be removed");
    assertThat(node.node.federation().routes().list()).hasSize(1);
    assertThat(audit()).hasSize(auditBefore);
  }

  @Test
  void aSipDomainOwnsItsReadOnlyAclEntryAndNeedsARouterRestart() {
    TestNode.CliRun add = node.local("sip-domains", "add", "Lync.Example.com");

    assertThat(add.exitCode()).isZero();
    assertThat(add.out()).contains("restart required: SIP Proxy, XCP Router");
    assertThat(node.local("acl", "list").out())
        .containsPattern("DOMAIN\\s+lync.example.com\\s+read-only");
    TestNode.CliRun removeEntry = node.local("acl", "remove", "domain", "lync.example.com");
    assertThat(removeEntry.exitCode()).isEqualTo(1);
    assertThat(removeEntry.err()).contains("remove the domain instead");

    assertThat(node.local("sip-domains", "remove", "lync.example.com").exitCode()).isZero();
    assertThat(node.local("acl", "list").out()).doesNotContain("lync.example.com");
    assertThat(node.local("utils", "service", "list").out())
        .contains("[restart required: sip-federated-domains changed]");
  }

  @Test
  void sipDomainsAreCheckedAgainstXmppPartnersAndTheirIntegrationType() throws Exception {
    try (Database database = Database.open(node.node.config().effectiveDbUrl(), "", "")) {
      database.inTransaction(
          c -> {
            try (PreparedStatement insert =
                c.prepareStatement(
                    "INSERT INTO xmpp_partner (primary_domain, additional_domains, created_at,"
                        + " updated_at) VALUES ('partner.org', 'chat.partner.org', ?, ?)")) {
              insert.setTimestamp(1, Timestamp.from(Instant.now()));
              insert.setTimestamp(2, Timestamp.from(Instant.now()));
              return insert.executeUpdate();
            }
          });
    }

    TestNode.CliRun overlap = node.local("sip-domains", "add", "chat.partner.org");
    TestNode.CliRun aol = node.local("sip-domains", "add", "hosted.example", "--type", "aol");

    assertThat(overlap.exitCode()).isEqualTo(1);
    assertThat(overlap.err()).contains("chat.partner.org");
    assertThat(aol.exitCode()).isEqualTo(1);
    assertThat(aol.err()).contains("defaultRoutingDomain");
    assertThat(
            node.local(
                    "sip-domains",
                    "add",
                    "hosted.example",
                    "--type",
                    "aol",
                    "--default-routing-domain",
                    "aol.com")
                .exitCode())
        .isZero();
  }

  @Test
  void theAclTakesIpsAndCidrsAndNamesTheBadField() {
    assertThat(node.local("acl", "add", "ip", "192.0.2.10", "--description", "edge").exitCode())
        .isZero();
    assertThat(node.local("acl", "add", "cidr", "2001:db8::/32").exitCode()).isZero();
    TestNode.CliRun bad = node.local("acl", "add", "cidr", "10.0.0.1/8");

    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("pattern: '10.0.0.1/8' has host bits set");
    assertThat(node.local("acl", "list").out())
        .contains("192.0.2.10", "2001:db8::/32")
        .doesNotContain("10.0.0.1");
    assertThat(node.node.federation().acl().acl().isOpen()).isFalse();
    assertThat(node.local("acl", "add", "all").exitCode()).isZero();
    assertThat(node.node.federation().acl().acl().isOpen()).isTrue();
  }

  @Test
  void thePolicyTakesDirectionScopedWildcardExceptions() {
    assertThat(node.local("policy", "set", "xmpp", "deny").exitCode()).isZero();
    assertThat(
            node.local(
                    "policy", "add-exception", "xmpp", "*.partner.org", "--direction", "incoming")
                .exitCode())
        .isZero();
    TestNode.CliRun duplicate = node.local("policy", "add-exception", "xmpp", "*.partner.org");

    assertThat(duplicate.exitCode()).isEqualTo(1);
    assertThat(duplicate.err()).contains("already has an exception");
    assertThat(node.local("policy", "show", "xmpp").out())
        .contains("XMPP policy: default deny", "allow *.partner.org", "incoming");
    var decider = node.node.federation().policy().decider(Protocol.XMPP);
    assertThat(decider.decide("chat.partner.org", TrafficDirection.INCOMING).allowed()).isTrue();
    assertThat(decider.decide("chat.partner.org", TrafficDirection.OUTGOING).allowed()).isFalse();
    assertThat(
            node.node
                .federation()
                .policy()
                .decider(Protocol.SIP)
                .decide("x.org", TrafficDirection.INCOMING)
                .allowed())
        .isTrue();
    assertThat(node.local("utils", "service", "list").out())
        .containsPattern(
            "XMPP Federation Connection Manager\\s+RUNNING\\s+\\[restart required: xmpp-policy changed\\]");

    assertThat(node.local("policy", "remove-exception", "xmpp", "*.partner.org").exitCode())
        .isZero();
    assertThat(node.local("policy", "show", "xmpp").out()).doesNotContain("partner.org");
  }

  @Test
  void theGuardWatchListsAPartnerThatProbesTooManyUsersUntilReleased() {
    node.local("utils", "param", "set", "guard.max-distinct-uris", "3");
    node.local("sip-domains", "add", "declared.example");
    var guard = node.node.federation().guard().guard();

    List<GuardDecision> decisions =
        List.of(
            guard.check("probe.example", "sip:a@localhost"),
            guard.check("probe.example", "sip:b@localhost"),
            guard.check("probe.example", "sip:c@localhost"),
            guard.check("probe.example", "sip:d@localhost"));
    GuardDecision declared = guard.check("declared.example", "sip:e@localhost");

    assertThat(decisions.subList(0, 3)).allMatch(d -> d instanceof GuardDecision.Allow);
    assertThat(decisions.get(3)).isInstanceOf(GuardDecision.Deny.class);
    assertThat(declared).isInstanceOf(GuardDecision.Allow.class);
    assertThat(node.local("guard", "show").out())
        .contains("watch list above 3 distinct local URIs")
        .containsPattern("probe.example\\s+since");
    assertThat(node.local("guard", "release", "probe.example").out()).contains("released");
    assertThat(node.local("guard", "show").out()).contains("watch list: (empty)");
    assertThat(node.local("guard", "release", "probe.example").exitCode()).isEqualTo(1);
  }

  private List<AuditEntry> audit() {
    return node.node.recentAudit(1000);
  }
}
