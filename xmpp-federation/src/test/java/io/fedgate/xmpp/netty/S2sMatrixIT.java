package io.fedgate.xmpp.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.pki.KeyType;
import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.TestPki;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.dns.SrvTarget;
import io.fedgate.xmpp.s2s.AuthMethod;
import io.fedgate.xmpp.s2s.Direction;
import io.fedgate.xmpp.s2s.FailureReason;
import io.fedgate.xmpp.s2s.Negotiation;
import io.fedgate.xmpp.s2s.PartnerSettings;
import io.fedgate.xmpp.s2s.PartnerType;
import io.fedgate.xmpp.s2s.S2sConnection;
import io.fedgate.xmpp.s2s.S2sFailure;
import io.fedgate.xmpp.s2s.S2sSettings;
import io.fedgate.xmpp.s2s.SecurityMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The S2S matrix in the style of Openfire's S2S tests: security mode x Lync partner settings x
 * dialback x the certificate of {@code a.test} (EC P-256 keys) (valid, expired, wrong name, unknown
 * root, no clientAuth EKU) x direction, between two {@link S2sService}s on 127.0.0.10 and
 * 127.0.0.11 with the test PKI. {@link #oracle} computes the expected outcome from PROTOCOL.md §7-8
 * independently of the implementation: SASL EXTERNAL, dialback, or a bounced stanza.
 */
class S2sMatrixIT {
  enum Cert {
    VALID,
    EXPIRED,
    WRONG_NAME,
    UNKNOWN_ROOT,
    NO_CLIENT_AUTH
  }

  enum Way {
    A_TO_B,
    B_TO_A
  }

  record Case(
      SecurityMode mode, Optional<PartnerSettings> partner, boolean dialback, Cert cert, Way way) {
    @Override
    public String toString() {
      return mode
          + partner
              .map(
                  p ->
                      " partner(TLS "
                          + p.tls()
                          + ", SASL "
                          + p.sasl()
                          + ", db "
                          + p.dialback()
                          + ")")
              .orElse("")
          + (dialback ? " dialback" : " no-dialback")
          + " cert(a)="
          + cert
          + " "
          + way;
    }
  }

  /** The expected outcome: how the pair authenticates, or which failure the sender records. */
  record Expected(Optional<AuthMethod> method, Optional<FailureReason> senderReason) {}

  static final Map<Cert, Identity> A_IDENTITIES = new EnumMap<>(Cert.class);
  static Identity bIdentity;
  private static final Map<String, SrvTarget> DNS = new ConcurrentHashMap<>();
  private static S2sNode a;
  private static S2sNode b;

  @BeforeAll
  static void pki() {
    identities();
    a = new S2sNode("a.test", "127.0.0.10", A_IDENTITIES.get(Cert.VALID), DNS);
    b = new S2sNode("b.test", "127.0.0.11", bIdentity, DNS);
    try {
      a.start();
      b.start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** a.test's identity for each certificate state, and b.test's (valid). */
  static synchronized void identities() {
    if (bIdentity != null) {
      return;
    }
    TestPki pki = TestPki.shared();
    A_IDENTITIES.put(Cert.VALID, leaf("a.test").signedBy(pki.intermediate()).toIdentity());
    A_IDENTITIES.put(
        Cert.EXPIRED, leaf("a.test").expired().signedBy(pki.intermediate()).toIdentity());
    A_IDENTITIES.put(Cert.WRONG_NAME, leaf("other.test").signedBy(pki.intermediate()).toIdentity());
    A_IDENTITIES.put(
        Cert.UNKNOWN_ROOT, leaf("a.test").signedBy(pki.unknownIntermediate()).toIdentity());
    A_IDENTITIES.put(
        Cert.NO_CLIENT_AUTH,
        leaf("a.test").serverAuthOnly().signedBy(pki.intermediate()).toIdentity());
    bIdentity = leaf("b.test").signedBy(pki.intermediate()).toIdentity();
  }

  /** EC keys: the handshakes of 78 cases stay cheap on a loaded 2-core machine. */
  private static CertificateBuilder leaf(String domain) {
    return CertificateBuilder.leaf(domain).dns(domain).keyType(KeyType.EC_P256);
  }

  /** Every case starts without streams: the next stanza negotiates with the case's settings. */
  @AfterEach
  void disconnect() {
    disconnect(a, b);
  }

  static void disconnect(S2sNode a, S2sNode b) {
    a.service.disconnectAll();
    b.service.disconnectAll();
    await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .atMost(Duration.ofSeconds(5))
        .until(() -> a.service.connections().isEmpty() && b.service.connections().isEmpty());
    a.received.clear();
    b.received.clear();
  }

  @AfterAll
  static void close() {
    a.close();
    b.close();
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (SecurityMode mode : SecurityMode.values()) {
      for (boolean dialback : new boolean[] {true, false}) {
        // without TLS no certificate is looked at: one certificate state is enough
        for (Cert cert :
            mode == SecurityMode.NO_TLS ? List.of(Cert.EXPIRED) : List.of(Cert.values())) {
          for (Way way : Way.values()) {
            cases.add(new Case(mode, Optional.empty(), dialback, cert, way));
          }
        }
      }
    }
    // Lync rows 1, 5, 9, 13, 17 (PROTOCOL.md §8), configured on both sides for each other
    Negotiation req = Negotiation.REQUIRED;
    Negotiation opt = Negotiation.OPTIONAL;
    Negotiation none = Negotiation.NOT_SUPPORTED;
    List<Negotiation[]> rows =
        List.of(
            new Negotiation[] {req, req},
            new Negotiation[] {none, req},
            new Negotiation[] {opt, opt},
            new Negotiation[] {req, none},
            new Negotiation[] {none, none});
    for (Negotiation[] row : rows) {
      for (Cert cert : row[0] == none ? List.of(Cert.UNKNOWN_ROOT) : List.of(Cert.values())) {
        for (Way way : Way.values()) {
          PartnerSettings partner =
              new PartnerSettings("x", List.of(), PartnerType.FEDERATED, row[0], row[1], true);
          cases.add(new Case(SecurityMode.TLS_REQUIRED, Optional.of(partner), true, cert, way));
        }
      }
    }
    return cases.stream();
  }

  /**
   * PROTOCOL.md §7.1 and §8, restated: TLS is used unless the policy says "not supported"; SASL
   * EXTERNAL succeeds over TLS when SASL is allowed and each side validates the other's certificate
   * (the receiver as a client certificate: clientAuth EKU needed; the sender as a server
   * certificate); else dialback, unless it is off or TLS and SASL are both required; else the
   * stanza bounces with remote-server-not-found.
   */
  static Expected oracle(Case c) {
    Negotiation tls = c.partner().map(PartnerSettings::tls).orElse(c.mode().asNegotiation());
    Negotiation sasl = c.partner().map(PartnerSettings::sasl).orElse(Negotiation.OPTIONAL);
    boolean dialback =
        c.dialback()
            && c.partner().map(PartnerSettings::dialback).orElse(true)
            && !(tls == Negotiation.REQUIRED && sasl == Negotiation.REQUIRED);
    Cert sender = c.way() == Way.A_TO_B ? c.cert() : Cert.VALID;
    Cert receiver = c.way() == Way.A_TO_B ? Cert.VALID : c.cert();
    boolean receiverTrustsSender = sender == Cert.VALID;
    boolean senderTrustsReceiver = receiver == Cert.VALID || receiver == Cert.NO_CLIENT_AUTH;
    boolean encrypted = tls != Negotiation.NOT_SUPPORTED;
    if (encrypted
        && sasl != Negotiation.NOT_SUPPORTED
        && receiverTrustsSender
        && senderTrustsReceiver) {
      return new Expected(Optional.of(AuthMethod.SASL_EXTERNAL), Optional.empty());
    }
    if (dialback) {
      return new Expected(Optional.of(AuthMethod.DIALBACK), Optional.empty());
    }
    FailureReason reason =
        encrypted && sasl != Negotiation.NOT_SUPPORTED && !senderTrustsReceiver
            ? FailureReason.CERTIFICATE_REFUSED
            : sasl == Negotiation.REQUIRED
                ? FailureReason.SASL_UNAVAILABLE
                : FailureReason.NO_AUTHENTICATION_METHOD;
    return new Expected(Optional.empty(), Optional.of(reason));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void negotiatesAsTheOracleSays(Case c) throws Exception {
    negotiate(a, b, c);
  }

  /** Runs the case between the two nodes and checks the oracle's outcome on both sides. */
  static void negotiate(S2sNode a, S2sNode b, Case c) throws Exception {
    S2sSettings settings =
        S2sSettings.defaults(S2sNode.SECRET)
            .withSecurityMode(c.mode())
            .withAuthentication(false, true, true, c.dialback());
    for (S2sNode node : List.of(a, b)) {
      node.settings.set(settings);
      node.partners.clear();
      String other = node == a ? "b.test" : "a.test";
      c.partner()
          .ifPresent(
              p ->
                  node.partners.put(
                      other,
                      new PartnerSettings(
                          other, List.of(), p.type(), p.tls(), p.sasl(), p.dialback())));
    }
    a.identity.set(A_IDENTITIES.get(c.cert()));
    S2sNode sender = c.way() == Way.A_TO_B ? a : b;
    S2sNode receiver = c.way() == Way.A_TO_B ? b : a;
    XmlElement message =
        new XmlElement(
                Namespaces.CLIENT,
                "message",
                Map.of(
                    "from",
                    "alice@" + sender.domain + "/desk",
                    "to",
                    "bob@" + receiver.domain,
                    "type",
                    "chat",
                    "id",
                    "m1"),
                List.of())
            .withChild(XmlElement.of(Namespaces.CLIENT, "body").withChild("hello " + c));
    CompletableFuture<String> bounced = new CompletableFuture<>();
    List<S2sFailure> before = sender.service.failures(receiver.domain);

    sender.service.send(message, bounced::complete);

    Expected expected = oracle(c);
    await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !receiver.received.isEmpty() || bounced.isDone());
    if (expected.method().isPresent()) {
      assertThat(bounced).as("bounced").isNotDone();
      XmlElement got = receiver.received.poll();
      assertThat(got.attribute("from")).contains("alice@" + sender.domain + "/desk");
      assertThat(got.namespace()).isEqualTo(Namespaces.CLIENT);
      assertThat(got.child(Namespaces.CLIENT, "body").orElseThrow().text()).isEqualTo("hello " + c);
      assertThat(method(sender, Direction.OUTBOUND, receiver.domain)).isEqualTo(expected.method());
      await()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(5))
          .atMost(Duration.ofSeconds(2))
          .until(() -> method(receiver, Direction.INBOUND, sender.domain).isPresent());
      assertThat(method(receiver, Direction.INBOUND, sender.domain)).isEqualTo(expected.method());
    } else {
      assertThat(bounced.get()).isEqualTo("remote-server-not-found");
      assertThat(receiver.received).isEmpty();
      assertThat(newFailures(sender.service.failures(receiver.domain), before))
          .extracting(S2sFailure::reason)
          .contains(expected.senderReason().orElseThrow());
    }
  }

  /** The entries added since {@code before} was read (the history is newest first). */
  private static List<S2sFailure> newFailures(List<S2sFailure> now, List<S2sFailure> before) {
    List<S2sFailure> added = new ArrayList<>();
    for (S2sFailure failure : now) {
      if (!before.isEmpty() && failure == before.get(0)) {
        break;
      }
      added.add(failure);
    }
    return added;
  }

  private static Optional<AuthMethod> method(S2sNode node, Direction direction, String remote) {
    return node.service.connections().stream()
        .filter(x -> x.direction() == direction && x.remoteDomain().equals(remote))
        .map(S2sConnection::authMethod)
        .findFirst();
  }
}
