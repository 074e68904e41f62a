package io.fedgate.xmpp.s2s;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.s2s.TestStep.Outcome;
import io.fedgate.xmpp.s2s.TestStep.Step;
import io.fedgate.xmpp.stream.StreamError;
import io.fedgate.xmpp.stream.StreamErrorCondition;
import io.fedgate.xmpp.stream.StreamEvent;
import io.fedgate.xmpp.stream.StreamHeader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An outbound S2S stream as a state machine, events in, actions out: we are the initiating server
 * (RFC 6120 §4-§6, PROTOCOL.md §7.1), authenticating {@code pair} with SASL EXTERNAL (XEP-0178)
 * when the peer offers it and its certificate validates for the peer domain, else with dialback
 * (XEP-0220 step 1, key of XEP-0185); or, in verify mode, the receiving server asking the
 * authoritative server (step 2) over a stream that authenticates nothing. Pure, single-threaded,
 * one instance per connection.
 *
 * <p>Bounce conditions (RFC 6120 §8.3.3, PROTOCOL.md §7.2): negotiation failures {@code
 * remote-server-not-found}; dialback {@code invalid} {@code internal-server-error}; dialback
 * errors, lost connections and timeouts {@code remote-server-timeout}; admission {@code
 * not-allowed}.
 */
public final class S2sOutbound {
  public enum Phase {
    CONNECTING,
    AWAIT_HEADER,
    AWAIT_FEATURES,
    AWAIT_PROCEED,
    TLS_HANDSHAKE,
    AWAIT_SASL,
    AWAIT_DIALBACK,
    VERIFYING,
    ESTABLISHED,
    ENDED
  }

  static final String NOT_FOUND = "remote-server-not-found";
  static final String TIMEOUT = "remote-server-timeout";

  private final S2sSettings settings;
  private final S2sPolicy policy;
  private final DomainPair pair;
  private final Admission admission;
  private final Map<String, VerifyRequest> verifies = new LinkedHashMap<>();
  private final boolean verifyMode;

  private Phase phase = Phase.CONNECTING;
  private String peerAddress = "";
  private boolean tls;
  private CertificateCheck check = CertificateCheck.noTls();
  private String streamId = "";
  private boolean saslDone;
  private Optional<AuthMethod> method = Optional.empty();

  /**
   * @param pair our domain (the stream 'from') and the peer domain (the stream 'to')
   * @param partner the partner settings of the peer domain, if it is a partner
   * @param verifications empty for a normal stream; else the {@code db:verify} requests to send
   *     (verify mode: the stream authenticates nothing and closes once all are answered)
   */
  public S2sOutbound(
      S2sSettings settings,
      Optional<PartnerSettings> partner,
      DomainPair pair,
      Admission admission,
      List<VerifyRequest> verifications) {
    this.settings = settings;
    this.policy = S2sPolicy.outbound(settings, partner);
    this.pair = pair;
    this.admission = admission;
    this.verifyMode = !verifications.isEmpty();
    verifications.forEach(v -> verifies.put(v.streamId(), v));
  }

  public Phase phase() {
    return phase;
  }

  public DomainPair pair() {
    return pair;
  }

  /** The method the stream was authenticated with, once {@link Phase#ESTABLISHED}. */
  public Optional<AuthMethod> method() {
    return method;
  }

  public S2sPolicy policy() {
    return policy;
  }

  /** The peer's IP address, for admission; set by the adapter before {@link S2sEvent.Connected}. */
  public void peerAddress(String address) {
    this.peerAddress = address;
  }

  /** Verify mode: another request for the same authoritative server on this stream. */
  public List<S2sAction> addVerification(VerifyRequest request) {
    verifies.put(request.streamId(), request);
    if (phase == Phase.VERIFYING) {
      return List.of(new S2sAction.Send(verifyXml(request)));
    }
    return List.of();
  }

  public List<S2sAction> on(S2sEvent event) {
    List<S2sAction> out = new ArrayList<>();
    if (phase == Phase.ENDED) {
      return out;
    }
    if (event instanceof S2sEvent.Connected connected) {
      connected.directTls().ifPresent(cert -> tlsUp(cert, out));
      if (connected.directTls().isEmpty() && !policy.tls().allowed()) {
        progress(out, Step.STARTTLS, Outcome.SKIPPED, "TLS is not supported for this peer");
      }
      out.add(new S2sAction.Send(header()));
      phase = Phase.AWAIT_HEADER;
    } else if (event instanceof S2sEvent.TlsEstablished established) {
      if (phase != Phase.TLS_HANDSHAKE) {
        fail(out, FailureReason.TLS_FAILED, "unexpected TLS", NOT_FOUND);
        return out;
      }
      tlsUp(established.certificate(), out);
      out.add(new S2sAction.RestartStream());
      out.add(new S2sAction.Send(header()));
      phase = Phase.AWAIT_HEADER;
    } else if (event instanceof S2sEvent.Received received) {
      received(received.event(), out);
    } else if (event instanceof S2sEvent.Idle) {
      out.add(new S2sAction.Send("</stream:stream>"));
      out.add(new S2sAction.Close());
      if (phase != Phase.ESTABLISHED) {
        out.add(
            new S2sAction.Failed(
                pair.remote(),
                FailureReason.NEGOTIATION_TIMEOUT,
                "no answer from the peer",
                TIMEOUT));
      }
      phase = Phase.ENDED;
    } else if (event instanceof S2sEvent.NegotiationTimeout) {
      if (phase != Phase.ESTABLISHED) {
        fail(
            out,
            FailureReason.NEGOTIATION_TIMEOUT,
            "the negotiation did not finish in "
                + settings.negotiationTimeout().toMillis()
                + " ms (phase "
                + phase
                + ")",
            TIMEOUT);
      }
    }
    return out;
  }

  private void tlsUp(PeerCertificate certificate, List<S2sAction> out) {
    tls = true;
    check = certificate.check(pair.remote());
    progress(out, Step.STARTTLS, Outcome.PASSED, "TLS established");
    progress(
        out, Step.CERTIFICATE, check.valid() ? Outcome.PASSED : Outcome.FAILED, check.toString());
  }

  private void received(StreamEvent event, List<S2sAction> out) {
    if (event instanceof StreamEvent.Failed failed) {
      StreamError error = failed.error();
      out.add(
          new S2sAction.Failed(
              pair.remote(),
              FailureReason.STREAM_ERROR_SENT,
              error.condition().elementName() + ": " + error.text(),
              bounceIfNegotiating()));
      out.add(new S2sAction.Send(S2sXml.streamError(error)));
      out.add(new S2sAction.Close());
      phase = Phase.ENDED;
    } else if (event instanceof StreamEvent.Closed) {
      if (phase != Phase.ESTABLISHED) {
        out.add(
            new S2sAction.Failed(
                pair.remote(),
                FailureReason.CONNECTION_LOST,
                "the peer closed the stream during " + phase,
                NOT_FOUND));
        progress(out, Step.RESULT, Outcome.FAILED, "the peer closed the stream");
      }
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
      fail(out, FailureReason.STREAM_ERROR_SENT, "unexpected stream header", NOT_FOUND);
      return;
    }
    streamId = header.id().orElse("");
    phase = Phase.AWAIT_FEATURES;
  }

  private void element(XmlElement element, List<S2sAction> out) {
    String ns = element.namespace();
    String name = element.name();
    if (Namespaces.STREAMS.equals(ns) && "error".equals(name)) {
      String condition =
          element.childElements().stream()
              .filter(e -> Namespaces.STREAM_ERRORS.equals(e.namespace()))
              .filter(e -> !"text".equals(e.name()))
              .map(XmlElement::name)
              .findFirst()
              .orElse("undefined-condition");
      String text =
          element.child(Namespaces.STREAM_ERRORS, "text").map(XmlElement::text).orElse("");
      out.add(
          new S2sAction.Failed(
              pair.remote(),
              FailureReason.STREAM_ERROR_RECEIVED,
              condition + (text.isEmpty() ? "" : ": " + text),
              bounceIfNegotiating()));
      progress(out, Step.RESULT, Outcome.FAILED, "stream error from the peer: " + condition);
      out.add(new S2sAction.Send("</stream:stream>"));
      out.add(new S2sAction.Close());
      phase = Phase.ENDED;
      return;
    }
    switch (phase) {
      case AWAIT_FEATURES -> {
        if (Namespaces.STREAMS.equals(ns) && "features".equals(name)) {
          features(element, out);
        } else {
          fail(out, FailureReason.STREAM_ERROR_SENT, "expected stream features", NOT_FOUND);
        }
      }
      case AWAIT_PROCEED -> {
        if (Namespaces.TLS.equals(ns) && "proceed".equals(name)) {
          out.add(new S2sAction.StartTls());
          phase = Phase.TLS_HANDSHAKE;
        } else {
          progress(out, Step.STARTTLS, Outcome.FAILED, "the peer refused STARTTLS");
          fail(out, FailureReason.TLS_FAILED, "the peer answered STARTTLS with " + name, NOT_FOUND);
        }
      }
      case AWAIT_SASL -> sasl(element, out);
      case AWAIT_DIALBACK -> dialbackResult(element, out);
      case VERIFYING -> verifyAnswer(element, out);
      case ESTABLISHED -> {
        // one-way stream (no XEP-0288): stray stanzas or verify answers are ignored
      }
      default -> fail(out, FailureReason.STREAM_ERROR_SENT, "unexpected " + name, NOT_FOUND);
    }
  }

  private void features(XmlElement features, List<S2sAction> out) {
    if (saslDone) {
      established(AuthMethod.SASL_EXTERNAL, out);
      return;
    }
    Optional<XmlElement> starttls = features.child(Namespaces.TLS, "starttls");
    if (!tls) {
      boolean peerRequires = starttls.flatMap(s -> s.child(Namespaces.TLS, "required")).isPresent();
      if (starttls.isPresent() && policy.tls().allowed()) {
        out.add(new S2sAction.Send(S2sXml.starttls()));
        phase = Phase.AWAIT_PROCEED;
        return;
      }
      if (policy.tls() == Negotiation.REQUIRED) {
        progress(out, Step.STARTTLS, Outcome.FAILED, "the peer does not offer STARTTLS");
        failWithError(
            out,
            FailureReason.TLS_REQUIRED,
            "TLS is required for " + pair.remote() + " but the peer does not offer STARTTLS",
            StreamErrorCondition.POLICY_VIOLATION);
        return;
      }
      if (peerRequires) {
        progress(out, Step.STARTTLS, Outcome.FAILED, "the peer requires TLS");
        failWithError(
            out,
            FailureReason.TLS_REFUSED_BY_POLICY,
            "the peer requires TLS, which is not supported for " + pair.remote(),
            StreamErrorCondition.UNSUPPORTED_FEATURE);
        return;
      }
      if (policy.tls().allowed()) {
        progress(out, Step.STARTTLS, Outcome.SKIPPED, "the peer does not offer STARTTLS");
      }
      progress(out, Step.CERTIFICATE, Outcome.SKIPPED, "no TLS");
    }
    authenticate(features, out);
  }

  private void authenticate(XmlElement features, List<S2sAction> out) {
    if (verifyMode) {
      verifies.values().forEach(v -> out.add(new S2sAction.Send(verifyXml(v))));
      phase = Phase.VERIFYING;
      return;
    }
    boolean externalOffered =
        features.child(Namespaces.SASL, "mechanisms").stream()
            .flatMap(m -> m.childElements().stream())
            .anyMatch(m -> "EXTERNAL".equalsIgnoreCase(m.text().trim()));
    if (policy.sasl().allowed() && tls && externalOffered && check.valid()) {
      out.add(new S2sAction.Send(S2sXml.authExternal(pair.local())));
      phase = Phase.AWAIT_SASL;
      return;
    }
    String whyNoSasl =
        !policy.sasl().allowed()
            ? "SASL EXTERNAL is not used for this peer"
            : !tls
                ? "no TLS"
                : !check.valid()
                    ? "the peer certificate is not valid for " + pair.remote() + ": " + check
                    : "the peer does not offer SASL EXTERNAL";
    if (policy.sasl() == Negotiation.REQUIRED && !policy.dialback()) {
      progress(out, Step.SASL_EXTERNAL, Outcome.FAILED, whyNoSasl);
      failWithError(
          out,
          tls && !check.valid()
              ? FailureReason.CERTIFICATE_REFUSED
              : FailureReason.SASL_UNAVAILABLE,
          "SASL EXTERNAL is required for " + pair.remote() + " but cannot run: " + whyNoSasl,
          StreamErrorCondition.POLICY_VIOLATION);
      return;
    }
    progress(out, Step.SASL_EXTERNAL, Outcome.SKIPPED, whyNoSasl);
    if (!policy.dialback()) {
      progress(out, Step.DIALBACK, Outcome.SKIPPED, "dialback is not allowed for this peer");
      failWithError(
          out,
          tls && !check.valid()
              ? FailureReason.CERTIFICATE_REFUSED
              : FailureReason.NO_AUTHENTICATION_METHOD,
          "no authentication method left: " + whyNoSasl + "; dialback is not allowed",
          StreamErrorCondition.POLICY_VIOLATION);
      return;
    }
    startDialback(out);
  }

  /** XEP-0220 step 1: our {@code db:result} with the XEP-0185 key for this stream's id. */
  private void startDialback(List<S2sAction> out) {
    if (streamId.isEmpty()) {
      failWithError(
          out,
          FailureReason.DIALBACK_FAILED,
          "the peer's stream header has no id (needed for the dialback key)",
          StreamErrorCondition.INVALID_XML);
      return;
    }
    String key =
        DialbackKey.compute(settings.dialbackSecret(), pair.remote(), pair.local(), streamId);
    out.add(
        new S2sAction.Send(
            S2sXml.dialback(
                "result",
                pair.local(),
                pair.remote(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(key),
                Optional.empty())));
    phase = Phase.AWAIT_DIALBACK;
  }

  private void sasl(XmlElement element, List<S2sAction> out) {
    if (Namespaces.SASL.equals(element.namespace()) && "success".equals(element.name())) {
      saslDone = true;
      out.add(new S2sAction.RestartStream());
      out.add(new S2sAction.Send(header()));
      phase = Phase.AWAIT_HEADER;
      return;
    }
    String condition =
        element.childElements().stream()
            .map(XmlElement::name)
            .filter(n -> !"text".equals(n))
            .findFirst()
            .orElse(element.name());
    if (policy.dialback() && "failure".equals(element.name())) {
      // XEP-0178 §3 / RFC 6120 §6.4.5: the stream stays open after a SASL failure; the initiating
      // server may go on with dialback (XEP-0220) when its policy allows it
      progress(
          out,
          Step.SASL_EXTERNAL,
          Outcome.FAILED,
          "refused: " + condition + "; falling back to dialback");
      startDialback(out);
      return;
    }
    progress(out, Step.SASL_EXTERNAL, Outcome.FAILED, "refused: " + condition);
    failWithClose(out, FailureReason.SASL_FAILED, "SASL EXTERNAL refused: " + condition, NOT_FOUND);
  }

  /** XEP-0220 step 4 received. */
  private void dialbackResult(XmlElement element, List<S2sAction> out) {
    if (!S2sXml.DIALBACK.equals(element.namespace()) || !"result".equals(element.name())) {
      return; // e.g. a db:verify the peer sends us for another purpose: not on this stream
    }
    String type = element.attribute("type").orElse("");
    boolean ours =
        pair.remote().equalsIgnoreCase(element.attribute("from").orElse(""))
            && pair.local().equalsIgnoreCase(element.attribute("to").orElse(""));
    if (!ours) {
      return; // no matching request: dropped silently
    }
    switch (type) {
      case "valid" -> {
        progress(out, Step.DIALBACK, Outcome.PASSED, "the authoritative server said valid");
        established(AuthMethod.DIALBACK, out);
      }
      case "invalid" -> {
        progress(out, Step.DIALBACK, Outcome.FAILED, "invalid");
        failWithClose(
            out,
            FailureReason.DIALBACK_INVALID,
            "the peer says our dialback key is invalid",
            "internal-server-error");
      }
      default -> {
        String condition =
            element.child("jabber:server:dialback", "error").stream()
                .flatMap(e -> e.childElements().stream())
                .map(XmlElement::name)
                .findFirst()
                .orElseGet(
                    () ->
                        element.childElements().stream()
                            .flatMap(e -> e.childElements().stream())
                            .map(XmlElement::name)
                            .findFirst()
                            .orElse("undefined-condition"));
        progress(out, Step.DIALBACK, Outcome.FAILED, "error: " + condition);
        failWithClose(out, FailureReason.DIALBACK_FAILED, "dialback error: " + condition, TIMEOUT);
      }
    }
  }

  /** XEP-0220 step 3 received on a verify stream. */
  private void verifyAnswer(XmlElement element, List<S2sAction> out) {
    if (!S2sXml.DIALBACK.equals(element.namespace()) || !"verify".equals(element.name())) {
      return;
    }
    VerifyRequest request = verifies.get(element.attribute("id").orElse(""));
    if (request == null
        || !request.pair().remote().equalsIgnoreCase(element.attribute("from").orElse(""))
        || !request.pair().local().equalsIgnoreCase(element.attribute("to").orElse(""))) {
      return; // no matching request: dropped silently
    }
    verifies.remove(request.streamId());
    DialbackOutcome outcome =
        switch (element.attribute("type").orElse("")) {
          case "valid" -> DialbackOutcome.valid();
          case "invalid" -> DialbackOutcome.invalid();
          default -> DialbackOutcome.error("remote-server-not-found");
        };
    out.add(new S2sAction.VerifyAnswered(request, outcome));
    if (verifies.isEmpty()) {
      out.add(new S2sAction.Send("</stream:stream>"));
      out.add(new S2sAction.Close());
      phase = Phase.ENDED;
    }
  }

  /** The verify requests not answered yet (to fail them when the stream breaks). */
  public List<VerifyRequest> unanswered() {
    return List.copyOf(verifies.values());
  }

  private void established(AuthMethod how, List<S2sAction> out) {
    Admission.Decision decision =
        admission.decide(
            new Admission.Request(
                Direction.OUTBOUND,
                pair.local(),
                pair.remote(),
                peerAddress.isEmpty() ? Optional.empty() : Optional.of(peerAddress),
                how));
    if (!decision.allowed()) {
      progress(out, Step.RESULT, Outcome.FAILED, "refused by policy: " + decision.reasonCode());
      out.add(
          new S2sAction.Failed(
              pair.remote(),
              FailureReason.ADMISSION_REFUSED,
              "[" + decision.reasonCode() + "] " + decision.text(),
              "not-allowed"));
      out.add(new S2sAction.Send("</stream:stream>"));
      out.add(new S2sAction.Close());
      phase = Phase.ENDED;
      return;
    }
    if (how == AuthMethod.SASL_EXTERNAL) {
      progress(out, Step.SASL_EXTERNAL, Outcome.PASSED, "authenticated as " + pair.local());
      progress(out, Step.DIALBACK, Outcome.SKIPPED, "not needed");
    }
    method = Optional.of(how);
    phase = Phase.ESTABLISHED;
    progress(out, Step.RESULT, Outcome.PASSED, "authenticated by " + how);
    out.add(new S2sAction.Authenticated(pair, how));
    out.add(new S2sAction.Ready(how));
  }

  private String header() {
    return S2sXml.header(pair.local(), Optional.of(pair.remote()), Optional.empty());
  }

  private String verifyXml(VerifyRequest request) {
    return S2sXml.dialback(
        "verify",
        request.pair().local(),
        request.pair().remote(),
        Optional.of(request.streamId()),
        Optional.empty(),
        Optional.of(request.key()),
        Optional.empty());
  }

  private String bounceIfNegotiating() {
    return phase == Phase.ESTABLISHED ? TIMEOUT : NOT_FOUND;
  }

  private void fail(List<S2sAction> out, FailureReason reason, String detail, String bounce) {
    failWithClose(out, reason, detail, bounce);
  }

  private void failWithClose(
      List<S2sAction> out, FailureReason reason, String detail, String bounce) {
    out.add(new S2sAction.Failed(pair.remote(), reason, detail, bounce));
    progress(out, Step.RESULT, Outcome.FAILED, "[" + reason + "] " + detail);
    out.add(new S2sAction.Send("</stream:stream>"));
    out.add(new S2sAction.Close());
    phase = Phase.ENDED;
  }

  private void failWithError(
      List<S2sAction> out, FailureReason reason, String detail, StreamErrorCondition condition) {
    out.add(new S2sAction.Failed(pair.remote(), reason, detail, NOT_FOUND));
    progress(out, Step.RESULT, Outcome.FAILED, "[" + reason + "] " + detail);
    out.add(new S2sAction.Send(S2sXml.streamError(new StreamError(condition, detail))));
    out.add(new S2sAction.Close());
    phase = Phase.ENDED;
  }

  private static void progress(List<S2sAction> out, Step step, Outcome outcome, String detail) {
    out.add(new S2sAction.Progress(new TestStep(step, outcome, detail)));
  }
}
