package io.fedgate.xmpp.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.xmpp.dns.SrvTarget;
import io.fedgate.xmpp.netty.S2sMatrixIT.Case;
import io.fedgate.xmpp.netty.S2sMatrixIT.Cert;
import io.fedgate.xmpp.netty.S2sMatrixIT.Way;
import io.fedgate.xmpp.s2s.S2sConnection;
import io.fedgate.xmpp.s2s.SecurityMode;
import io.netty.handler.ssl.OpenSsl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The certificate states of {@link S2sMatrixIT} (valid, expired, wrong name, unknown root, no
 * clientAuth EKU; TLS required, with and without dialback, both directions) with the TLS provider
 * fixed: {@code jdk} on both nodes, and BoringSSL on a.test against the JDK on b.test (so each
 * provider is both the client and the server of a handshake with the other). {@link S2sMatrixIT}
 * runs the whole matrix under the default ({@code auto}: BoringSSL here). Same oracle, same reason
 * codes: the provider must not change a trust decision.
 */
class S2sTlsProviderIT {
  private static final Map<String, SrvTarget> DNS_JDK = new ConcurrentHashMap<>();
  private static final Map<String, SrvTarget> DNS_MIXED = new ConcurrentHashMap<>();
  private static final List<S2sNode> NODES = new ArrayList<>();
  private static S2sNode jdkA;
  private static S2sNode jdkB;
  private static S2sNode openSslA;
  private static S2sNode jdkB2;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(OpenSsl.isAvailable(), "netty-tcnative does not load here");
    S2sMatrixIT.identities();
    jdkA = node("a.test", "127.0.0.24", S2sMatrixIT.A_IDENTITIES.get(Cert.VALID), DNS_JDK);
    jdkA.tlsProvider = XmppTlsProvider.JDK;
    jdkB = node("b.test", "127.0.0.25", S2sMatrixIT.bIdentity, DNS_JDK);
    jdkB.tlsProvider = XmppTlsProvider.JDK;
    openSslA = node("a.test", "127.0.0.26", S2sMatrixIT.A_IDENTITIES.get(Cert.VALID), DNS_MIXED);
    openSslA.tlsProvider = XmppTlsProvider.OPENSSL;
    jdkB2 = node("b.test", "127.0.0.27", S2sMatrixIT.bIdentity, DNS_MIXED);
    jdkB2.tlsProvider = XmppTlsProvider.JDK;
    for (S2sNode node : NODES) {
      node.start();
    }
  }

  private static S2sNode node(
      String domain,
      String address,
      io.fedgate.certstore.pki.Identity id,
      Map<String, SrvTarget> dns) {
    S2sNode node = new S2sNode(domain, address, id, dns);
    NODES.add(node);
    return node;
  }

  @AfterEach
  void disconnect() {
    S2sMatrixIT.disconnect(jdkA, jdkB);
    S2sMatrixIT.disconnect(openSslA, jdkB2);
  }

  @AfterAll
  static void stop() {
    NODES.forEach(S2sNode::close);
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (boolean dialback : new boolean[] {true, false}) {
      for (Cert cert : Cert.values()) {
        for (Way way : Way.values()) {
          cases.add(new Case(SecurityMode.TLS_REQUIRED, Optional.empty(), dialback, cert, way));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "jdk/jdk {0}")
  @MethodSource("cases")
  void jdkOnBothSides(Case c) throws Exception {
    S2sMatrixIT.negotiate(jdkA, jdkB, c);
  }

  @ParameterizedTest(name = "openssl a.test / jdk b.test {0}")
  @MethodSource("cases")
  void openSslAgainstJdk(Case c) throws Exception {
    S2sMatrixIT.negotiate(openSslA, jdkB2, c);
    if (c.cert() == Cert.VALID) {
      S2sNode sender = c.way() == Way.A_TO_B ? openSslA : jdkB2;
      assertThat(sender.service.connections())
          .extracting(S2sConnection::tlsVersion)
          .contains(Optional.of("TLSv1.3"));
    }
  }
}
