package io.fedgate.xmpp.s2s;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.stream.StreamError;
import io.fedgate.xmpp.stream.StreamErrorCondition;
import io.fedgate.xmpp.stream.StreamEvent;
import io.fedgate.xmpp.stream.StreamHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An inbound S2S stream as a state machine, events in, actions out: we are the receiving server
 * (RFC 6120 §4-§6, XEP-0178 SASL EXTERNAL, XEP-0220 dialback steps 1 and 4) and the authoritative
 * server for {@code db:verify} (step 3). Pure and single-threaded: one instance per connection,
 * used on its event loop; the settings are those read when the connection was accepted.
 *
 * <p>Rules, PROTOCOL.md §7.1-7.3: header 'to' must be ours ({@code host-unknown}); the parser
 * checks namespaces and version ({@code invalid-namespace}, {@code unsupported-version}); STARTTLS
 * offered unless the peer's policy says not supported, required when it says required (anything
 * else first: {@code policy-violation}); SASL EXTERNAL offered over TLS only when the certificate
 * validates for the stream 'from'; dialback offered when allowed and not replaced by required TLS;
 * stanzas only for authenticated pairs ({@code not-authorized} before any, {@code invalid-from} for
 * another sender, {@code improper-addressing} without 'to'/'from').
 */
public final class S2sInbound {
  /** Dialback requests awaiting the authoritative server on one stream. */
  public static final int MAX_PENDING_DIALBACK = 16;

  /** {@code db:verify} requests answered on one stream before it counts as a flood. */
  public static final int MAX_VERIFIES = 64;

  public enum Phase {
    /** RFC 6120 §4.2 / §4.3.3: waiting for the peer's (next) stream header. */
    AWAIT_HEADER,
    /** Features sent: negotiation elements, dialback and (once authenticated) stanzas. */
    OPEN,
    /** {@code <proceed/>} sent, TLS handshake running (RFC 6120 §5.4.3.3). */
    TLS_HANDSHAKE,
    /** Closed or failed; nothing more is processed. */
    ENDED
  }

  private final S2sSettings settings;
  private final Function<String, Optional<PartnerSettings>> partners;
  private final Set<String> localDomains;
  private final Admission admission;
  private final String peerAddress;
  private final Supplier<String> streamIds;

  private Phase phase = Phase.AWAIT_HEADER;
  private boolean tls;
  private PeerCertificate certificate = PeerCertificate.none();
  private String streamId = "";
  private String localDomain = "";
  private Optional<String> claimed = Optional.empty();
  private Optional<String> saslDomain = Optional.empty();
  private boolean saslOffered;
  private final Set<DomainPair> verified = new HashSet<>();
  private final Map<DomainPair, VerifyRequest> pending = new LinkedHashMap<>();
  private int verifies;
  private boolean headerSent;

  /**
   * @param peerAddress the peer's IP address as text (for {@link Admission} and failures)
   * @param streamIds fresh unpredictable stream ids (XEP-0220 §4.4: dialback keys depend on them)
   */
  public S2sInbound(
      S2sSettings settings,
      Function<String, Optional<PartnerSettings>> partners,
      Set<String> localDomains,
      Admission admission,
      String peerAddress,
      boolean directTls,
      Supplier<String> streamIds) {
    this.settings = settings;
    this.partners = partners;
    this.localDomains = Set.copyOf(localDomains);
    this.admission = admission;
    this.peerAddress = peerAddress;
    this.streamIds = streamIds;
    this.tls = directTls;
  }

  public Phase phase() {
    return phase;
  }

  /** The stream 'from' of the peer's header, if it sent one (unproven). */
  public Optional<String> claimed() {
    return claimed;
  }

  /** The pairs authenticated on this stream so far. */
  public Set<DomainPair> verified() {
    return Set.copyOf(verified);
  }

  public List<S2sAction> on(S2sEvent event) {
    List<S2sAction> out = new ArrayList<>();
    if (phase == Phase.ENDED) {
      return out;
    }
    if (event instanceof S2sEvent.Received received) {
      received(received.event(), out);
    } else if (event instanceof S2sEvent.TlsEstablished established) {
      certificate = established.certificate();
      tls = true;
      if (phase == Phase.TLS_HANDSHAKE) {
        phase = Phase.AWAIT_HEADER;
        headerSent = false;
      }
    } else if (event instanceof S2sEvent.DialbackVerified answer) {
      verifiedByAuthority(answer.pair(), answer.outcome(), out);
    } else if (event instanceof S2sEvent.Idle) {
      out.add(new S2sAction.Send("</stream:stream>"));
      out.add(new S2sAction.Close());
      phase = Phase.ENDED;
    } else if (event instanceof S2sEvent.NegotiationTimeout) {
      if (verified.isEmpty()) {
        fail(
            out,
            FailureReason.NEGOTIATION_TIMEOUT,
            StreamErrorCondition.CONNECTION_TIMEOUT,
            "the stream was not authenticated in time");
      }
    }
    return out;
  }

  private void received(StreamEvent event, List<S2sAction> out) {
    if (event instanceof StreamEvent.Failed failed) {
      failWith(out, FailureReason.STREAM_ERROR_SENT, failed.error());
    } else if (event instanceof StreamEvent.Closed) {
      out.add(new S2sAction.Send("</stream:stream>"));
      out.add(new S2sAction.Close());
      phase = Phase.ENDED;
    } else if (event instanceof StreamEvent.Opened opened) {
      opened(opened.header(), out);
    } else {
      element(((StreamEvent.Element) event).element(), out);
    }
  }

  private void opened(StreamHeader header, List<S2sAction> out) {
    if (phase != Phase.AWAIT_HEADER) {
      fail(
          out,
          FailureReason.STREAM_ERROR_SENT,
          StreamErrorCondition.INVALID_XML,
          "unexpected header");
      return;
    }
    Optional<String> to = header.to().map(S2sInbound::lower);
    streamId = streamIds.get();
    String from = to.filter(localDomains::contains).orElse(anyLocal());
    out.add(new S2sAction.Send(S2sXml.header(from, header.from(), Optional.of(streamId))));
    headerSent = true;
    if (to.isEmpty() || !localDomains.contains(to.get())) {
      fail(
          out,
          FailureReason.HOST_UNKNOWN,
          StreamErrorCondition.HOST_UNKNOWN,
          "this server does not serve " + to.orElse("(no 'to')"));
      return;
    }
    if (!settings.enabled()) {
      fail(
          out,
          FailureReason.STREAM_ERROR_SENT,
          StreamErrorCondition.POLICY_VIOLATION,
          "XMPP federation is disabled");
      return;
    }
    if (!localDomain.isEmpty() && !localDomain.equals(to.get())) {
      fail(
          out,
          FailureReason.STREAM_ERROR_SENT,
          StreamErrorCondition.INVALID_XML,
          "the restarted stream names another domain");
      return;
    }
    localDomain = to.get();
    claimed = header.from().map(S2sInbound::lower);
    S2sPolicy policy = policy(claimed);
    boolean tlsRequired = policy.tls() == Negotiation.REQUIRED || policy.requireClientCertificate();
    if (!tls) {
      boolean offerTls = policy.tls().allowed();
      out.add(
          new S2sAction.Send(
              S2sXml.features(offerTls, tlsRequired, false, policy.dialback() && !tlsRequired)));
    } else if (saslDomain.isPresent()) {
      out.add(new S2sAction.Send(S2sXml.features(false, false, false, policy.dialback())));
    } else {
      saslOffered =
          policy.sasl().allowed()
              && claimed.isPresent()
              && certificate.check(claimed.get()).valid();
      out.add(new S2sAction.Send(S2sXml.features(false, false, saslOffered, policy.dialback())));
    }
    phase = Phase.OPEN;
  }

  private void element(XmlElement element, List<S2sAction> out) {
    if (phase != Phase.OPEN) {
      fail(out, FailureReason.STREAM_ERROR_SENT, StreamErrorCondition.NOT_AUTHORIZED, "not now");
      return;
    }
    String ns = element.namespace();
    if (Namespaces.STREAMS.equals(ns) && "error".equals(element.name())) {
      String condition =
          element.childElements().stream()
              .filter(e -> Namespaces.STREAM_ERRORS.equals(e.namespace()))
              .filter(e -> !"text".equals(e.name()))
              .map(XmlElement::name)
              .findFirst()
              .orElse("undefined-condition");
      out.add(
          new S2sAction.Failed(
              claimed.orElse(""), FailureReason.STREAM_ERROR_RECEIVED, condition, ""));
      out.add(new S2sAction.Send("</stream:stream>"));
      out.add(new S2sAction.Close());
      phase = Phase.ENDED;
    } else if (Namespaces.TLS.equals(ns) && "starttls".equals(element.name())) {
      starttls(out);
    } else if (Namespaces.SASL.equals(ns) && "auth".equals(element.name())) {
      auth(element, out);
    } else if (S2sXml.DIALBACK.equals(ns) && "result".equals(element.name())) {
      dialbackResult(element, out);
    } else if (S2sXml.DIALBACK.equals(ns) && "verify".equals(element.name())) {
      dialbackVerify(element, out);
    } else if (S2sXml.isStanza(element)) {
      stanza(element, out);
    } else {
      fail(
          out,
          FailureReason.STREAM_ERROR_SENT,
          StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
          "unexpected element " + element.name());
    }
  }

  /** RFC 6120 §5.4.2.1-§5.4.2.2. */
  private void starttls(List<S2sAction> out) {
    if (tls || !policy(claimed).tls().allowed()) {
      out.add(new S2sAction.Send(S2sXml.tlsFailure()));
      out.add(new S2sAction.Close());
      out.add(
          new S2sAction.Failed(
              claimed.orElse(""),
              FailureReason.TLS_REFUSED_BY_POLICY,
              "STARTTLS requested but TLS is not supported for this peer",
              ""));
      phase = Phase.ENDED;
      return;
    }
    out.add(new S2sAction.Send(S2sXml.proceed()));
    out.add(new S2sAction.StartTls());
    phase = Phase.TLS_HANDSHAKE;
  }

  /** XEP-0178 §3 steps 6-9, RFC 6120 §6.4. */
  private void auth(XmlElement auth, List<S2sAction> out) {
    if (!saslOffered || saslDomain.isPresent()) {
      out.add(
          new S2sAction.Send(
              S2sXml.saslFailure("invalid-mechanism", "SASL EXTERNAL is not offered")));
      return;
    }
    if (!"EXTERNAL".equals(auth.attribute("mechanism").orElse(""))) {
      out.add(
          new S2sAction.Send(S2sXml.saslFailure("invalid-mechanism", "only EXTERNAL is offered")));
      return;
    }
    String text = auth.text().trim();
    Optional<String> authzid;
    if (text.isEmpty() || "=".equals(text)) {
      authzid = Optional.empty();
    } else {
      try {
        authzid =
            Optional.of(
                lower(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8)));
      } catch (IllegalArgumentException e) {
        out.add(new S2sAction.Send(S2sXml.saslFailure("incorrect-encoding", "not base64")));
        return;
      }
    }
    if (authzid.isPresent() && claimed.isPresent() && !authzid.equals(claimed)) {
      out.add(
          new S2sAction.Send(
              S2sXml.saslFailure("invalid-authzid", "the authzid is not the stream 'from'")));
      return;
    }
    String domain = authzid.or(() -> claimed).orElse("");
    CertificateCheck check = domain.isEmpty() ? null : certificate.check(domain);
    if (check == null || !check.valid()) {
      out.add(
          new S2sAction.Send(
              S2sXml.saslFailure("not-authorized", "the certificate is not valid for " + domain)
                  + "</stream:stream>"));
      out.add(new S2sAction.Close());
      out.add(
          new S2sAction.Failed(
              domain,
              FailureReason.CERTIFICATE_REFUSED,
              check == null ? "no authzid and no stream 'from'" : check.toString(),
              ""));
      phase = Phase.ENDED;
      return;
    }
    DomainPair pair = new DomainPair(localDomain, domain);
    Admission.Decision decision = admit(pair, AuthMethod.SASL_EXTERNAL);
    if (!decision.allowed()) {
      refusedByAdmission(pair, decision, out);
      fail(out, null, StreamErrorCondition.POLICY_VIOLATION, "not allowed to federate");
      return;
    }
    saslDomain = Optional.of(domain);
    verified.add(pair);
    out.add(new S2sAction.Send(S2sXml.saslSuccess()));
    out.add(new S2sAction.RestartStream());
    out.add(new S2sAction.Authenticated(pair, AuthMethod.SASL_EXTERNAL));
    phase = Phase.AWAIT_HEADER;
    headerSent = false;
  }

  /** XEP-0220 step 1 received; answers step 4 now (errors) or after the verification. */
  private void dialbackResult(XmlElement result, List<S2sAction> out) {
    if (result.attribute("type").isPresent()) {
      unsolicited(out);
      return;
    }
    Optional<String> from = result.attribute("from").map(S2sInbound::lower);
    Optional<String> to = result.attribute("to").map(S2sInbound::lower);
    if (from.isEmpty() || to.isEmpty() || Jid.parse(from.get()).isEmpty()) {
      fail(
          out,
          FailureReason.STREAM_ERROR_SENT,
          StreamErrorCondition.IMPROPER_ADDRESSING,
          "db:result needs 'from' and 'to'");
      return;
    }
    DomainPair pair = new DomainPair(to.get(), from.get());
    S2sPolicy policy = policy(from);
    Optional<String> error = Optional.empty();
    FailureReason reason = FailureReason.DIALBACK_FAILED;
    String detail = "";
    if (!localDomains.contains(pair.local())) {
      error = Optional.of("item-not-found");
      reason = FailureReason.HOST_UNKNOWN;
      detail = "dialback for a domain we do not serve: " + pair.local();
    } else if (!policy.dialback()) {
      error = Optional.of("not-authorized");
      reason = FailureReason.NO_AUTHENTICATION_METHOD;
      detail = "dialback is not allowed for " + pair.remote();
    } else if (policy.tls() == Negotiation.REQUIRED && !tls) {
      error = Optional.of("policy-violation");
      reason = FailureReason.TLS_REQUIRED;
      detail = "dialback before TLS";
    } else if (policy.requireClientCertificate() && !certificate.check(pair.remote()).valid()) {
      error = Optional.of("not-authorized");
      reason = FailureReason.CERTIFICATE_REFUSED;
      detail = certificate.check(pair.remote()).toString();
    }
    if (error.isPresent()) {
      out.add(new S2sAction.Send(answer("result", pair, Optional.empty(), "error", error)));
      out.add(new S2sAction.Failed(pair.remote(), reason, detail, ""));
      return;
    }
    if (verified.contains(pair)) {
      out.add(
          new S2sAction.Send(answer("result", pair, Optional.empty(), "valid", Optional.empty())));
      return;
    }
    if (pending.containsKey(pair)) {
      return; // the first request's answer will do
    }
    if (pending.size() >= MAX_PENDING_DIALBACK) {
      fail(
          out,
          FailureReason.STREAM_ERROR_SENT,
          StreamErrorCondition.POLICY_VIOLATION,
          "too many dialback requests pending");
      return;
    }
    VerifyRequest request = new VerifyRequest(pair, streamId, result.text().trim());
    pending.put(pair, request);
    out.add(new S2sAction.Verify(request));
  }

  /** XEP-0220 step 4, once the authoritative server (step 3) answered. */
  private void verifiedByAuthority(DomainPair pair, DialbackOutcome outcome, List<S2sAction> out) {
    if (pending.remove(pair) == null) {
      return; // no matching request: dropped silently (XEP-0220 §2.4)
    }
    switch (outcome.type()) {
      case VALID -> {
        Admission.Decision decision = admit(pair, AuthMethod.DIALBACK);
        if (!decision.allowed()) {
          out.add(
              new S2sAction.Send(
                  answer(
                      "result", pair, Optional.empty(), "error", Optional.of("policy-violation"))));
          refusedByAdmission(pair, decision, out);
          return;
        }
        verified.add(pair);
        out.add(
            new S2sAction.Send(
                answer("result", pair, Optional.empty(), "valid", Optional.empty())));
        out.add(new S2sAction.Authenticated(pair, AuthMethod.DIALBACK));
      }
      case INVALID -> {
        out.add(
            new S2sAction.Failed(
                pair.remote(),
                FailureReason.DIALBACK_INVALID,
                "the authoritative server of " + pair.remote() + " says the key is invalid",
                ""));
        if (verified.isEmpty()) {
          out.add(
              new S2sAction.Send(
                  answer("result", pair, Optional.empty(), "invalid", Optional.empty())
                      + "</stream:stream>"));
          out.add(new S2sAction.Close());
          phase = Phase.ENDED;
        } else {
          // keep the stream of the pairs already verified (PROTOCOL.md §7.2: forbidden)
          out.add(
              new S2sAction.Send(
                  answer("result", pair, Optional.empty(), "error", Optional.of("forbidden"))));
        }
      }
      case ERROR -> {
        String condition = outcome.condition().orElse("remote-server-not-found");
        out.add(
            new S2sAction.Send(
                answer("result", pair, Optional.empty(), "error", Optional.of(condition))));
        out.add(
            new S2sAction.Failed(
                pair.remote(),
                FailureReason.DIALBACK_FAILED,
                "verification with the authoritative server failed: " + condition,
                ""));
      }
    }
  }

  /** XEP-0220 step 3: we are the authoritative server for {@code to}. */
  private void dialbackVerify(XmlElement verify, List<S2sAction> out) {
    if (verify.attribute("type").isPresent()) {
      unsolicited(out);
      return;
    }
    verifies++;
    Optional<String> from = verify.attribute("from").map(S2sInbound::lower);
    Optional<String> to = verify.attribute("to").map(S2sInbound::lower);
    Optional<String> id = verify.attribute("id");
    if (verifies > MAX_VERIFIES) {
      fail(
          out,
          FailureReason.STREAM_ERROR_SENT,
          StreamErrorCondition.POLICY_VIOLATION,
          "too many db:verify requests on one stream");
      return;
    }
    if (from.isEmpty() || to.isEmpty() || id.isEmpty()) {
      fail(
          out,
          FailureReason.STREAM_ERROR_SENT,
          StreamErrorCondition.IMPROPER_ADDRESSING,
          "db:verify needs 'from', 'to' and 'id'");
      return;
    }
    DomainPair pair = new DomainPair(to.get(), from.get());
    if (!localDomains.contains(pair.local())) {
      out.add(
          new S2sAction.Send(answer("verify", pair, id, "error", Optional.of("item-not-found"))));
      return;
    }
    if (policy(from).tls() == Negotiation.REQUIRED && !tls) {
      out.add(
          new S2sAction.Send(answer("verify", pair, id, "error", Optional.of("policy-violation"))));
      return;
    }
    boolean valid =
        settings.dialbackEnabled()
            && DialbackKey.matches(
                settings.dialbackSecret(), pair.remote(), pair.local(), id.get(), verify.text());
    out.add(
        new S2sAction.Send(
            answer("verify", pair, id, valid ? "valid" : "invalid", Optional.empty())));
  }

  private void stanza(XmlElement stanza, List<S2sAction> out) {
    Optional<Jid> from = stanza.attribute("from").flatMap(Jid::parse);
    Optional<Jid> to = stanza.attribute("to").flatMap(Jid::parse);
    if (from.isEmpty() || to.isEmpty()) {
      fail(
          out,
          FailureReason.STREAM_ERROR_SENT,
          StreamErrorCondition.IMPROPER_ADDRESSING,
          "S2S stanzas need 'from' and 'to'");
      return;
    }
    DomainPair pair = new DomainPair(to.get().domain(), from.get().domain());
    if (verified.contains(pair)) {
      out.add(
          new S2sAction.Deliver(
              pair, S2sXml.renamespace(stanza, Namespaces.SERVER, Namespaces.CLIENT)));
      return;
    }
    if (verified.isEmpty() && !tls && policy(claimed).tls() == Negotiation.REQUIRED) {
      fail(
          out,
          FailureReason.TLS_REQUIRED,
          StreamErrorCondition.POLICY_VIOLATION,
          "TLS is required before anything else");
    } else if (verified.isEmpty()) {
      fail(
          out,
          FailureReason.UNAUTHENTICATED_DOMAIN,
          StreamErrorCondition.NOT_AUTHORIZED,
          "stanza before authentication");
    } else if (!localDomains.contains(pair.local())) {
      fail(
          out,
          FailureReason.HOST_UNKNOWN,
          StreamErrorCondition.HOST_UNKNOWN,
          "stanza for a domain we do not serve");
    } else {
      out.add(
          new S2sAction.Failed(
              pair.remote(),
              FailureReason.UNAUTHENTICATED_DOMAIN,
              "stanza from " + pair.remote() + " which is not authenticated on this stream",
              ""));
      fail(out, null, StreamErrorCondition.INVALID_FROM, "sender domain not authenticated");
    }
  }

  private void unsolicited(List<S2sAction> out) {
    fail(
        out,
        FailureReason.STREAM_ERROR_SENT,
        StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
        "unsolicited dialback answer");
  }

  private Admission.Decision admit(DomainPair pair, AuthMethod method) {
    return admission.decide(
        new Admission.Request(
            Direction.INBOUND, pair.local(), pair.remote(), Optional.of(peerAddress), method));
  }

  private void refusedByAdmission(
      DomainPair pair, Admission.Decision decision, List<S2sAction> out) {
    out.add(
        new S2sAction.Failed(
            pair.remote(),
            FailureReason.ADMISSION_REFUSED,
            "[" + decision.reasonCode() + "] " + decision.text(),
            ""));
  }

  private static String answer(
      String name, DomainPair pair, Optional<String> id, String type, Optional<String> error) {
    return S2sXml.dialback(
        name, pair.local(), pair.remote(), id, Optional.of(type), Optional.empty(), error);
  }

  private S2sPolicy policy(Optional<String> peerDomain) {
    return S2sPolicy.inbound(settings, peerDomain.flatMap(partners));
  }

  private String anyLocal() {
    return localDomains.stream().sorted().findFirst().orElse("localhost");
  }

  /** Ends the stream with an error; records the failure unless {@code reason} is null. */
  private void fail(
      List<S2sAction> out, FailureReason reason, StreamErrorCondition condition, String text) {
    StreamError error = new StreamError(condition, text);
    if (reason != null) {
      out.add(
          new S2sAction.Failed(
              claimed.orElse(""), reason, condition.elementName() + ": " + text, ""));
    }
    String header =
        headerSent ? "" : S2sXml.header(anyLocal(), Optional.empty(), Optional.of(streamIds.get()));
    out.add(new S2sAction.Send(header + S2sXml.streamError(error)));
    out.add(new S2sAction.Close());
    phase = Phase.ENDED;
  }

  private void failWith(List<S2sAction> out, FailureReason reason, StreamError error) {
    fail(out, reason, error.condition(), error.text());
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
