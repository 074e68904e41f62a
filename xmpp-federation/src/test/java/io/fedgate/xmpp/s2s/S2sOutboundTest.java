package io.fedgate.xmpp.s2s;

import static io.fedgate.xmpp.s2s.S2sWire.validFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The outbound S2S negotiation without I/O: local.test connects to example.org. */
class S2sOutboundTest {
  private static final String SECRET = "gw-secret-01";
  private static final DomainPair PAIR = new DomainPair("local.test", "example.org");
  private static final String RESPONSE =
      "<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
          + " xmlns:db='jabber:server:dialback' from='example.org' to='local.test' id='%s'"
          + " version='1.0'>";
  private static final String STARTTLS_REQUIRED =
      "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
          + "</stream:features>";
  private static final String EXTERNAL_AND_DIALBACK =
      "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
          + "<mechanism>EXTERNAL</mechanism></mechanisms>"
          + "<dialback xmlns='urn:xmpp:features:dialback'><errors/></dialback></stream:features>";

  private static S2sWire outbound(S2sSettings settings, Optional<PartnerSettings> partner) {
    S2sOutbound machine = new S2sOutbound(settings, partner, PAIR, Admission.allowAll(), List.of());
    return new S2sWire(machine::on);
  }

  /** Connect, receive the header and STARTTLS features, proceed, finish TLS with {@code cert}. */
  private static S2sWire throughTls(S2sWire wire, PeerCertificate cert) {
    assertThat(wire.on(new S2sEvent.Connected(Optional.empty())))
        .contains(
            "xmlns:db='jabber:server:dialback'",
            "from='local.test'",
            "to='example.org'",
            "version='1.0'");
    assertThat(wire.peer(RESPONSE.formatted("s1") + STARTTLS_REQUIRED))
        .isEqualTo("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    wire.peer("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    assertThat(wire.all(S2sAction.StartTls.class)).hasSize(1);
    assertThat(wire.on(new S2sEvent.TlsEstablished(cert))).contains("<stream:stream");
    return wire;
  }

  @Test
  void saslExternalWhenOfferedAndTheCertificateValidates() {
    S2sWire wire =
        throughTls(
            outbound(S2sSettings.defaults(SECRET), Optional.empty()), validFor("example.org"));

    assertThat(wire.peer(RESPONSE.formatted("s2") + EXTERNAL_AND_DIALBACK))
        .isEqualTo(
            "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>bG9jYWwudGVzdA==</auth>");
    assertThat(wire.peer("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"))
        .contains("<stream:stream");
    wire.peer(RESPONSE.formatted("s3") + "<stream:features/>");

    assertThat(wire.all(S2sAction.Ready.class))
        .containsExactly(new S2sAction.Ready(AuthMethod.SASL_EXTERNAL));
    assertThat(wire.all(S2sAction.Progress.class))
        .extracting(p -> p.step().step() + " " + p.step().outcome())
        .containsExactly(
            "STARTTLS PASSED",
            "CERTIFICATE PASSED",
            "SASL_EXTERNAL PASSED",
            "DIALBACK SKIPPED",
            "RESULT PASSED");
  }

  @Test
  void aRefusedSaslExternalFallsBackToDialbackOnTheSameStream() {
    S2sWire wire =
        throughTls(
            outbound(S2sSettings.defaults(SECRET), Optional.empty()), validFor("example.org"));
    assertThat(wire.peer(RESPONSE.formatted("s2") + EXTERNAL_AND_DIALBACK)).contains("EXTERNAL");

    String sent =
        wire.peer("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>");

    assertThat(sent)
        .isEqualTo(
            "<db:result from='local.test' to='example.org'>"
                + DialbackKey.compute(SECRET, "example.org", "local.test", "s2")
                + "</db:result>");
    wire.peer("<db:result from='example.org' to='local.test' type='valid'/>");
    assertThat(wire.all(S2sAction.Ready.class))
        .containsExactly(new S2sAction.Ready(AuthMethod.DIALBACK));
    assertThat(wire.all(S2sAction.Failed.class)).isEmpty();
    assertThat(wire.all(S2sAction.Progress.class))
        .extracting(p -> p.step().step() + " " + p.step().outcome() + " " + p.step().detail())
        .containsExactly(
            "STARTTLS PASSED " + detailOf(wire, 0),
            "CERTIFICATE PASSED " + detailOf(wire, 1),
            "SASL_EXTERNAL FAILED refused: not-authorized; falling back to dialback",
            "DIALBACK PASSED " + detailOf(wire, 3),
            "RESULT PASSED " + detailOf(wire, 4));
  }

  @Test
  void aRefusedSaslExternalWithoutDialbackEndsTheStream() {
    S2sWire wire =
        throughTls(
            outbound(
                S2sSettings.defaults(SECRET).withAuthentication(false, true, true, false),
                Optional.empty()),
            validFor("example.org"));
    wire.peer(RESPONSE.formatted("s2") + EXTERNAL_AND_DIALBACK);

    String sent =
        wire.peer("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>");

    assertThat(sent).doesNotContain("db:result").contains("</stream:stream>");
    assertThat(wire.all(S2sAction.Failed.class))
        .extracting(S2sAction.Failed::reason, S2sAction.Failed::bounce)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                FailureReason.SASL_FAILED, "remote-server-not-found"));
  }

  private static String detailOf(S2sWire wire, int index) {
    return wire.all(S2sAction.Progress.class).get(index).step().detail();
  }

  @Test
  void dialbackWithTheXep0185KeyWhenTheCertificateDoesNotValidate() {
    S2sWire wire =
        throughTls(outbound(S2sSettings.defaults(SECRET), Optional.empty()), validFor("other.org"));

    String sent = wire.peer(RESPONSE.formatted("a1b2c3d4") + EXTERNAL_AND_DIALBACK);

    // PROTOCOL.md §7.2, the project vector
    assertThat(sent)
        .isEqualTo(
            "<db:result from='local.test' to='example.org'>"
                + "5c12567f7e4d7ca5caae13f1953039bf3223f36a3b6214d17496abbcd12dd151</db:result>");
    wire.peer("<db:result from='example.org' to='local.test' type='valid'/>");
    assertThat(wire.all(S2sAction.Ready.class))
        .containsExactly(new S2sAction.Ready(AuthMethod.DIALBACK));
    assertThat(wire.all(S2sAction.Progress.class))
        .extracting(p -> p.step().step() + " " + p.step().outcome())
        .containsExactly(
            "STARTTLS PASSED",
            "CERTIFICATE FAILED",
            "SASL_EXTERNAL SKIPPED",
            "DIALBACK PASSED",
            "RESULT PASSED");
  }

  @Test
  void dialbackOutcomesChooseTheBounceCondition() {
    S2sWire invalid =
        throughTls(outbound(S2sSettings.defaults(SECRET), Optional.empty()), validFor());
    invalid.peer(RESPONSE.formatted("x") + EXTERNAL_AND_DIALBACK);
    invalid.peer("<db:result from='example.org' to='local.test' type='invalid'/>");
    assertThat(invalid.all(S2sAction.Failed.class))
        .extracting(S2sAction.Failed::reason, S2sAction.Failed::bounce)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                FailureReason.DIALBACK_INVALID, "internal-server-error"));

    S2sWire error =
        throughTls(outbound(S2sSettings.defaults(SECRET), Optional.empty()), validFor());
    error.peer(RESPONSE.formatted("x") + EXTERNAL_AND_DIALBACK);
    error.peer(
        "<db:result from='example.org' to='local.test' type='error'><error type='cancel'>"
            + "<remote-connection-failed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></db:result>");
    assertThat(error.all(S2sAction.Failed.class))
        .extracting(S2sAction.Failed::detail, S2sAction.Failed::bounce)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "dialback error: remote-connection-failed", "remote-server-timeout"));
    assertThat(error.closed()).isTrue();
  }

  @Test
  void aResultForAnotherPairIsIgnored() {
    S2sWire wire = throughTls(outbound(S2sSettings.defaults(SECRET), Optional.empty()), validFor());
    wire.peer(RESPONSE.formatted("x") + EXTERNAL_AND_DIALBACK);
    wire.peer("<db:result from='evil.example' to='local.test' type='valid'/>");

    assertThat(wire.all(S2sAction.Ready.class)).isEmpty();
    assertThat(wire.closed()).isFalse();
  }

  @Test
  void tlsRequiredButNotOfferedFails() {
    S2sWire wire = outbound(S2sSettings.defaults(SECRET), Optional.empty());
    wire.on(new S2sEvent.Connected(Optional.empty()));

    String sent =
        wire.peer(
            RESPONSE.formatted("x")
                + "<stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>");

    assertThat(sent).contains("<policy-violation");
    assertThat(wire.all(S2sAction.Failed.class))
        .extracting(S2sAction.Failed::reason, S2sAction.Failed::bounce)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                FailureReason.TLS_REQUIRED, "remote-server-not-found"));
  }

  @Test
  void aPeerRequiringTlsWhenAPartnerSaysNotSupportedFails() {
    PartnerSettings partner =
        new PartnerSettings(
            "example.org",
            List.of(),
            PartnerType.FEDERATED,
            Negotiation.NOT_SUPPORTED,
            Negotiation.NOT_SUPPORTED,
            true);
    S2sWire wire = outbound(S2sSettings.defaults(SECRET), Optional.of(partner));
    wire.on(new S2sEvent.Connected(Optional.empty()));

    wire.peer(RESPONSE.formatted("x") + STARTTLS_REQUIRED);

    assertThat(wire.all(S2sAction.Failed.class))
        .extracting(S2sAction.Failed::reason)
        .containsExactly(FailureReason.TLS_REFUSED_BY_POLICY);
  }

  @Test
  void saslRequiredWithBothRequiredNeverFallsBackToDialback() {
    PartnerSettings partner =
        new PartnerSettings(
            "example.org",
            List.of(),
            PartnerType.FEDERATED,
            Negotiation.REQUIRED,
            Negotiation.REQUIRED,
            true);
    S2sWire wire =
        throughTls(outbound(S2sSettings.defaults(SECRET), Optional.of(partner)), validFor());

    String sent = wire.peer(RESPONSE.formatted("x") + EXTERNAL_AND_DIALBACK);

    assertThat(sent).doesNotContain("db:result").contains("<policy-violation");
    assertThat(wire.all(S2sAction.Failed.class))
        .extracting(S2sAction.Failed::reason)
        .containsExactly(FailureReason.CERTIFICATE_REFUSED);
  }

  @Test
  void aStreamErrorFromThePeerIsRecordedWithItsCondition() {
    S2sWire wire = outbound(S2sSettings.defaults(SECRET), Optional.empty());
    wire.on(new S2sEvent.Connected(Optional.empty()));

    wire.peer(
        RESPONSE.formatted("x")
            + "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");

    assertThat(wire.all(S2sAction.Failed.class))
        .extracting(S2sAction.Failed::reason, S2sAction.Failed::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                FailureReason.STREAM_ERROR_RECEIVED, "host-unknown"));
    assertThat(wire.closed()).isTrue();
  }

  @Test
  void verifyModeAsksTheAuthoritativeServerAndClosesWhenAnswered() {
    VerifyRequest request = new VerifyRequest(PAIR, "their-stream", "k3y");
    S2sOutbound machine =
        new S2sOutbound(
            S2sSettings.defaults(SECRET).withSecurityMode(SecurityMode.TLS_OPTIONAL),
            Optional.empty(),
            PAIR,
            Admission.allowAll(),
            List.of(request));
    S2sWire wire = new S2sWire(machine::on);
    wire.on(new S2sEvent.Connected(Optional.empty()));

    String sent =
        wire.peer(
            RESPONSE.formatted("v")
                + "<stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>");
    assertThat(sent)
        .isEqualTo(
            "<db:verify from='local.test' to='example.org' id='their-stream'>k3y</db:verify>");
    wire.peer("<db:verify from='example.org' to='local.test' id='unknown' type='valid'/>");
    assertThat(wire.all(S2sAction.VerifyAnswered.class)).isEmpty();

    wire.peer("<db:verify from='example.org' to='local.test' id='their-stream' type='invalid'/>");
    assertThat(wire.all(S2sAction.VerifyAnswered.class))
        .containsExactly(new S2sAction.VerifyAnswered(request, DialbackOutcome.invalid()));
    assertThat(wire.closed()).isTrue();
  }

  @Test
  void theNegotiationTimeoutBouncesWithRemoteServerTimeout() {
    S2sWire wire = outbound(S2sSettings.defaults(SECRET), Optional.empty());
    wire.on(new S2sEvent.Connected(Optional.empty()));

    wire.on(new S2sEvent.NegotiationTimeout());

    assertThat(wire.all(S2sAction.Failed.class))
        .extracting(S2sAction.Failed::reason, S2sAction.Failed::bounce)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                FailureReason.NEGOTIATION_TIMEOUT, "remote-server-timeout"));
  }
}
