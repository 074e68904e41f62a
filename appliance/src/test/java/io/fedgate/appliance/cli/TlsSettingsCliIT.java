package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.certstore.tls.TlsContext;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS peer subjects and TLS contexts of a running node through {@code fedgate tls}. */
class TlsSettingsCliIT {
  private static final String CONTEXT = TlsContext.DEFAULT_PEER_AUTH;

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
  void theSeededPeerAuthContextIsShown() {
    TestNode.CliRun list = node.local("tls", "contexts", "list");

    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out())
        .contains(CONTEXT)
        .contains("protocols:       TLSv1.2, TLSv1.3")
        .contains("cipher profile:  LYNC_COMPATIBLE")
        .contains("peer subjects:   (any)")
        .contains("disable empty TLS fragments: true");
  }

  @Test
  void aPeerSubjectMappedToTheContextFlagsTheSipProxyAndGoesWithItsRemoval() {
    TestNode.CliRun added =
        node.local(
            "tls", "peer-subjects", "add", "sip.partner.example", "--description", "Lync edge");
    TestNode.CliRun set =
        node.local(
            "tls",
            "contexts",
            "set",
            CONTEXT,
            "--peer-subjects",
            "sip.partner.example",
            "--protocols",
            "TLSv1.2",
            "--cipher-profile",
            "modern");

    assertThat(added.exitCode()).as(added.err()).isZero();
    assertThat(added.out())
        .contains("added TLS peer subject sip.partner.example")
        .contains("restart required: SIP Proxy");
    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(node.local("tls", "contexts", "show", CONTEXT).out())
        .contains("protocols:       TLSv1.2\n", "cipher profile:  MODERN")
        .contains("peer subjects:   sip.partner.example");
    assertThat(node.local("tls", "peer-subjects", "list").out())
        .containsPattern("sip\\.partner\\.example\\s+Lync edge");
    assertThat(node.local("utils", "service", "list").out())
        .containsPattern(
            "SIP Proxy\\s+RUNNING\\s+\\[restart required: TLS peer subjects changed; TLS context "
                + CONTEXT
                + " changed\\]");
    assertThat(node.local("utils", "audit", "--limit", "2").out())
        .contains("admin", "tls-context/" + CONTEXT, "tls-peer-subject/sip.partner.example");

    assertThat(node.local("tls", "peer-subjects", "remove", "sip.partner.example").exitCode())
        .isZero();
    assertThat(node.local("tls", "contexts", "show", CONTEXT).out())
        .contains("peer subjects:   (any)");
  }

  @Test
  void aBadContextChangeNamesEveryProblemAndStoresNothing() {
    String before = node.local("tls", "contexts", "show", CONTEXT).out();
    int audited = node.node.recentAudit(1000).size();

    TestNode.CliRun set =
        node.local(
            "tls",
            "contexts",
            "set",
            CONTEXT,
            "--protocols",
            "SSLv3",
            "--cipher-profile",
            "strongest",
            "--peer-subjects",
            "nobody.example",
            "--disable-empty-fragments",
            "maybe");

    assertThat(set.exitCode()).isEqualTo(1);
    assertThat(set.err())
        .contains("disableEmptyTlsFragments: must be true or false, not 'maybe'")
        .contains("protocols: must be TLSv1.2 and/or TLSv1.3, not SSLv3")
        .contains("cipherProfile: 'strongest' is not a profile")
        .contains("peerSubjects: no TLS peer subject 'nobody.example'");
    assertThat(node.local("tls", "contexts", "show", CONTEXT).out()).isEqualTo(before);
    assertThat(node.node.recentAudit(1000)).hasSize(audited);
    assertThat(node.local("utils", "service", "list").out()).doesNotContain("restart required");
  }

  @Test
  void badPeerSubjectsAndUnknownContextsAreNamed() {
    TestNode.CliRun bad = node.local("tls", "peer-subjects", "add", "not a host");
    TestNode.CliRun missing =
        node.local("tls", "contexts", "set", "Nope", "--protocols", "TLSv1.3");
    TestNode.CliRun absent = node.local("tls", "peer-subjects", "remove", "never.example");

    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("name: 'not a host' is neither an FQDN nor an IP address");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("no TLS context 'Nope'; contexts: " + CONTEXT);
    assertThat(absent.exitCode()).isEqualTo(1);
    assertThat(absent.err()).contains("no TLS peer subject 'never.example'");
  }
}
