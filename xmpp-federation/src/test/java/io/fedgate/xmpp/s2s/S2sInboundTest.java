package io.fedgate.xmpp.s2s;

import static io.fedgate.xmpp.s2s.S2sWire.header;
import static io.fedgate.xmpp.s2s.S2sWire.validFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.core.stanza.Namespaces;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The inbound S2S negotiation without I/O: we are local.test (and alias.test), peers connect. */
class S2sInboundTest {
  private static final String SECRET = "gw-secret-01";
  private final AtomicInteger ids = new AtomicInteger();
  private final List<Admission.Request> asked = new ArrayList<>();
  private Admission admission =
      r -> {
        asked.add(r);
        return Admission.Decision.allow();
      };

  private S2sWire inbound(S2sSettings settings, Map<String, PartnerSettings> partners) {
    S2sInbound machine =
        new S2sInbound(
            settings,
            d -> Optional.ofNullable(partners.get(d)),
            Set.of("local.test", "alias.test"),
            r -> admission.decide(r),
            "192.0.2.7",
            false,
            () -> "id" + ids.incrementAndGet());
    return new S2sWire(machine::on);
  }

  private S2sWire inbound() {
    return inbound(S2sSettings.defaults(SECRET), Map.of());
  }

  /** Opens, does STARTTLS with a certificate valid for {@code certFor}, opens again. */
  private S2sWire overTls(S2sWire wire, String from, PeerCertificate cert) {
    wire.peer(header(from, "local.test"));
    assertThat(wire.peer("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"))
        .isEqualTo("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    wire.on(new S2sEvent.TlsEstablished(cert));
    return wire;
  }

  @Test
  void anUnknownToIsHostUnknown() {
    S2sWire wire = inbound();

    String sent = wire.peer(header("example.org", "elsewhere.test"));

    assertThat(sent).startsWith("<?xml").contains("<host-unknown").endsWith("</stream:stream>");
    assertThat(wire.closed()).isTrue();
    assertThat(wire.all(S2sAction.Failed.class))
        .extracting(S2sAction.Failed::reason)
        .containsExactly(FailureReason.HOST_UNKNOWN);
  }

  @Test
  void theWrongNamespaceAndAMissingVersionAreRefused() {
    S2sWire client = inbound();
    assertThat(
            client.peer(
                "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                    + " to='local.test' version='1.0'>"))
        .contains("<invalid-namespace");
    S2sWire old = inbound();
    assertThat(
            old.peer(
                "<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
                    + " to='local.test'>"))
        .contains("<unsupported-version");
    assertThat(client.closed()).isTrue();
    assertThat(old.closed()).isTrue();
  }

  @Test
  void tlsRequiredOffersOnlyStartTlsAndRefusesAnythingElseFirst() {
    S2sWire wire = inbound();

    String features = wire.peer(header("example.org", "local.test"));

    assertThat(features)
        .contains(
            "from='local.test'",
            "to='example.org'",
            "id='id1'",
            "xmlns:db='jabber:server:dialback'")
        .contains("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>")
        .doesNotContain("dialback xmlns", "mechanisms");
    assertThat(wire.peer("<db:result from='example.org' to='local.test'>abc</db:result>"))
        .contains("type='error'", "<policy-violation");
    assertThat(
            wire.peer("<message from='u@example.org' to='v@local.test'><body>x</body></message>"))
        .contains("<policy-violation");
    assertThat(wire.closed()).isTrue();
    assertThat(wire.all(S2sAction.Deliver.class)).isEmpty();
  }

  @Test
  void noTlsNeitherOffersNorAcceptsStartTls() {
    S2sWire wire =
        inbound(S2sSettings.defaults(SECRET).withSecurityMode(SecurityMode.NO_TLS), Map.of());

    assertThat(wire.peer(header("example.org", "local.test")))
        .doesNotContain("starttls")
        .contains("<dialback xmlns='urn:xmpp:features:dialback'><errors/></dialback>");
    assertThat(wire.peer("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"))
        .isEqualTo("<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>");
    assertThat(wire.closed()).isTrue();
  }

  @Test
  void saslExternalWithTheStreamFromThenStanzasOfThatDomainOnly() {
    S2sWire wire = overTls(inbound(), "example.org", validFor("example.org"));
    String features = wire.peer(header("example.org", "local.test"));
    assertThat(features).contains("<mechanism>EXTERNAL</mechanism>", "urn:xmpp:features:dialback");

    String authzid =
        Base64.getEncoder().encodeToString("example.org".getBytes(StandardCharsets.UTF_8));
    assertThat(
            wire.peer(
                "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>"
                    + authzid
                    + "</auth>"))
        .isEqualTo("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
    assertThat(wire.all(S2sAction.Authenticated.class))
        .containsExactly(
            new S2sAction.Authenticated(
                new DomainPair("local.test", "example.org"), AuthMethod.SASL_EXTERNAL));
    assertThat(wire.peer(header("example.org", "local.test"))).contains("<stream:features>");

    wire.peer(
        "<message from='juliet@example.org/b' to='romeo@local.test' type='chat'><body>hi</body></message>");
    List<S2sAction.Deliver> delivered = wire.all(S2sAction.Deliver.class);
    assertThat(delivered).hasSize(1);
    assertThat(delivered.get(0).stanza().namespace()).isEqualTo(Namespaces.CLIENT);
    assertThat(delivered.get(0).stanza().child(Namespaces.CLIENT, "body")).isPresent();
    assertThat(asked)
        .containsExactly(
            new Admission.Request(
                Direction.INBOUND,
                "local.test",
                "example.org",
                Optional.of("192.0.2.7"),
                AuthMethod.SASL_EXTERNAL));

    assertThat(wire.peer("<message from='mallory@evil.example' to='romeo@local.test'/>"))
        .contains("<invalid-from");
    assertThat(wire.all(S2sAction.Deliver.class)).hasSize(1);
  }

  @Test
  void anEmptyAuthzidMeansTheStreamFrom() {
    S2sWire wire = overTls(inbound(), "example.org", validFor("example.org"));
    wire.peer(header("example.org", "local.test"));

    assertThat(
            wire.peer(
                "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>"))
        .contains("<success");
  }

  @Test
  void anAuthzidOtherThanTheStreamFromIsRefused() {
    S2sWire wire = overTls(inbound(), "example.org", validFor("example.org", "other.org"));
    wire.peer(header("example.org", "local.test"));
    String other = Base64.getEncoder().encodeToString("other.org".getBytes(StandardCharsets.UTF_8));

    assertThat(
            wire.peer(
                "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>"
                    + other
                    + "</auth>"))
        .contains("<invalid-authzid/>");
    assertThat(wire.all(S2sAction.Authenticated.class)).isEmpty();
  }

  @Test
  void withoutAValidCertificateExternalIsNotOfferedAndRefused() {
    S2sWire wire = overTls(inbound(), "example.org", validFor("someone-else.org"));

    assertThat(wire.peer(header("example.org", "local.test")))
        .doesNotContain("EXTERNAL")
        .contains("urn:xmpp:features:dialback");
    assertThat(
            wire.peer(
                "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>"))
        .contains("<invalid-mechanism/>");
    assertThat(wire.all(S2sAction.Authenticated.class)).isEmpty();
  }

  @Test
  void dialbackAsReceivingServerWithPiggybackedTargetDomain() {
    S2sWire wire = overTls(inbound(), "example.org", PeerCertificate.none());
    wire.peer(header("example.org", "local.test"));

    assertThat(wire.peer("<db:result from='example.org' to='local.test'>k1</db:result>")).isEmpty();
    DomainPair pair = new DomainPair("local.test", "example.org");
    assertThat(wire.all(S2sAction.Verify.class))
        .containsExactly(new S2sAction.Verify(new VerifyRequest(pair, "id2", "k1")));

    assertThat(wire.on(new S2sEvent.DialbackVerified(pair, DialbackOutcome.valid())))
        .isEqualTo("<db:result from='local.test' to='example.org' type='valid'/>");
    wire.peer("<db:result from='example.org' to='alias.test'>k2</db:result>");
    DomainPair alias = new DomainPair("alias.test", "example.org");
    wire.on(new S2sEvent.DialbackVerified(alias, DialbackOutcome.valid()));
    wire.peer("<message from='a@example.org' to='b@local.test'/>");
    wire.peer("<presence from='a@example.org' to='b@alias.test'/>");

    assertThat(wire.all(S2sAction.Deliver.class))
        .extracting(S2sAction.Deliver::pair)
        .containsExactly(pair, alias);
    assertThat(wire.closed()).isFalse();
  }

  @Test
  void anInvalidKeyEndsTheStreamUnlessOtherPairsLiveOnIt() {
    S2sWire alone = overTls(inbound(), "example.org", PeerCertificate.none());
    alone.peer(header("example.org", "local.test"));
    alone.peer("<db:result from='example.org' to='local.test'>forged</db:result>");
    DomainPair pair = new DomainPair("local.test", "example.org");

    assertThat(alone.on(new S2sEvent.DialbackVerified(pair, DialbackOutcome.invalid())))
        .contains("type='invalid'")
        .endsWith("</stream:stream>");
    assertThat(alone.closed()).isTrue();
    assertThat(alone.all(S2sAction.Failed.class))
        .extracting(S2sAction.Failed::reason)
        .containsExactly(FailureReason.DIALBACK_INVALID);

    S2sWire shared = overTls(inbound(), "example.org", PeerCertificate.none());
    shared.peer(header("example.org", "local.test"));
    shared.peer("<db:result from='example.org' to='local.test'>good</db:result>");
    shared.on(new S2sEvent.DialbackVerified(pair, DialbackOutcome.valid()));
    shared.peer("<db:result from='spoofed.example' to='local.test'>forged</db:result>");
    assertThat(
            shared.on(
                new S2sEvent.DialbackVerified(
                    new DomainPair("local.test", "spoofed.example"), DialbackOutcome.invalid())))
        .contains("type='error'", "<forbidden");
    assertThat(shared.closed()).isFalse();
    shared.peer("<message from='x@spoofed.example' to='b@local.test'/>");
    assertThat(shared.all(S2sAction.Deliver.class)).isEmpty();
    assertThat(shared.closed()).isTrue();
  }

  @Test
  void anAnswerWithoutARequestIsDroppedAndUnsolicitedTypesAreRefused() {
    S2sWire wire = overTls(inbound(), "example.org", PeerCertificate.none());
    wire.peer(header("example.org", "local.test"));

    assertThat(
            wire.on(
                new S2sEvent.DialbackVerified(
                    new DomainPair("local.test", "example.org"), DialbackOutcome.valid())))
        .isEmpty();
    assertThat(wire.all(S2sAction.Authenticated.class)).isEmpty();
    assertThat(wire.peer("<db:result from='example.org' to='local.test' type='valid'/>"))
        .contains("<unsupported-stanza-type");
    assertThat(wire.closed()).isTrue();
  }

  @Test
  void asAuthoritativeServerChecksTheKeyWithOurSecret() {
    S2sWire wire = overTls(inbound(), "example.org", PeerCertificate.none());
    wire.peer(header("example.org", "local.test"));
    String key = DialbackKey.compute(SECRET, "example.org", "local.test", "a1b2c3d4");

    assertThat(
            wire.peer(
                "<db:verify from='example.org' to='local.test' id='a1b2c3d4'>"
                    + key
                    + "</db:verify>"))
        .isEqualTo("<db:verify from='local.test' to='example.org' id='a1b2c3d4' type='valid'/>");
    assertThat(
            wire.peer(
                "<db:verify from='example.org' to='local.test' id='other'>" + key + "</db:verify>"))
        .contains("type='invalid'");
    assertThat(
            wire.peer(
                "<db:verify from='example.org' to='nope.test' id='x'>" + key + "</db:verify>"))
        .contains("type='error'", "<item-not-found");
    assertThat(wire.closed()).isFalse();
  }

  @Test
  void aFloodOfVerifyRequestsEndsThatStream() {
    S2sWire wire = overTls(inbound(), "example.org", PeerCertificate.none());
    wire.peer(header("example.org", "local.test"));
    StringBuilder flood = new StringBuilder();
    for (int i = 0; i <= S2sInbound.MAX_VERIFIES; i++) {
      flood
          .append("<db:verify from='example.org' to='local.test' id='i")
          .append(i)
          .append("'>00</db:verify>");
    }

    String sent = wire.peer(flood.toString());

    assertThat(sent).contains("<policy-violation").endsWith("</stream:stream>");
    assertThat(wire.closed()).isTrue();
  }

  @Test
  void tooManyPendingDialbackRequestsEndThatStream() {
    S2sWire wire = overTls(inbound(), "example.org", PeerCertificate.none());
    wire.peer(header("example.org", "local.test"));
    String sent = "";
    for (int i = 0; i <= S2sInbound.MAX_PENDING_DIALBACK; i++) {
      sent = wire.peer("<db:result from='d" + i + ".example' to='local.test'>k</db:result>");
    }
    assertThat(wire.all(S2sAction.Verify.class)).hasSize(S2sInbound.MAX_PENDING_DIALBACK);
    assertThat(sent).contains("<policy-violation");
  }

  @Test
  void admissionRefusesAPairAfterDialback() {
    admission = r -> Admission.Decision.refuse("POLICY_DENY", "example.org is denied");
    S2sWire wire = overTls(inbound(), "example.org", PeerCertificate.none());
    wire.peer(header("example.org", "local.test"));
    wire.peer("<db:result from='example.org' to='local.test'>k</db:result>");

    String sent =
        wire.on(
            new S2sEvent.DialbackVerified(
                new DomainPair("local.test", "example.org"), DialbackOutcome.valid()));

    assertThat(sent).contains("type='error'", "<policy-violation");
    assertThat(wire.all(S2sAction.Failed.class))
        .extracting(S2sAction.Failed::reason, S2sAction.Failed::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                FailureReason.ADMISSION_REFUSED, "[POLICY_DENY] example.org is denied"));
    assertThat(wire.all(S2sAction.Authenticated.class)).isEmpty();
  }

  @Test
  void aPartnerWithoutDialbackAndAClientCertificateRequirementRefuseDialback() {
    PartnerSettings partner =
        new PartnerSettings(
            "example.org",
            List.of(),
            PartnerType.FEDERATED,
            Negotiation.REQUIRED,
            Negotiation.OPTIONAL,
            false);
    S2sWire noDialback =
        overTls(
            inbound(S2sSettings.defaults(SECRET), Map.of("example.org", partner)),
            "example.org",
            PeerCertificate.none());
    assertThat(noDialback.peer(header("example.org", "local.test")))
        .doesNotContain("dialback xmlns");
    assertThat(noDialback.peer("<db:result from='example.org' to='local.test'>k</db:result>"))
        .contains("type='error'", "<not-authorized");

    S2sWire strict =
        overTls(
            inbound(
                S2sSettings.defaults(SECRET).withAuthentication(true, true, true, true), Map.of()),
            "example.org",
            validFor("other.org"));
    strict.peer(header("example.org", "local.test"));
    assertThat(strict.peer("<db:result from='example.org' to='local.test'>k</db:result>"))
        .contains("type='error'", "<not-authorized");
    assertThat(strict.all(S2sAction.Failed.class))
        .extracting(S2sAction.Failed::reason)
        .containsExactly(FailureReason.CERTIFICATE_REFUSED);
  }

  @Test
  void disabledFederationAndTimeoutsEndTheStream() {
    S2sWire off = inbound(S2sSettings.defaults(SECRET).withEnabled(false), Map.of());
    assertThat(off.peer(header("example.org", "local.test"))).contains("<policy-violation");

    S2sWire slow = inbound();
    slow.peer(header("example.org", "local.test"));
    assertThat(slow.on(new S2sEvent.NegotiationTimeout())).contains("<connection-timeout");
    assertThat(slow.closed()).isTrue();
  }

  @Test
  void stanzasWithoutAddressesAreImproperlyAddressed() {
    S2sWire wire = overTls(inbound(), "example.org", validFor("example.org"));
    wire.peer(header("example.org", "local.test"));
    wire.peer("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>");
    wire.peer(header("example.org", "local.test"));

    assertThat(wire.peer("<message to='b@local.test'/>")).contains("<improper-addressing");
  }
}
