package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.C2sAction.Send;
import io.fedgate.xmpp.c2s.C2sState.AwaitAuth;
import io.fedgate.xmpp.c2s.C2sState.AwaitHeader;
import io.fedgate.xmpp.c2s.C2sState.ScramChallenged;
import io.fedgate.xmpp.sasl.AuthThrottle;
import io.fedgate.xmpp.sasl.CredentialStore;
import io.fedgate.xmpp.sasl.SaslFailure;
import io.fedgate.xmpp.sasl.SaslStep;
import io.fedgate.xmpp.sasl.ScramAlgorithm;
import io.fedgate.xmpp.sasl.ScramExchange;
import io.fedgate.xmpp.stream.StreamErrorCondition;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SASL negotiation (RFC 6120 §6.4) for one connection: SCRAM-SHA-256 and SCRAM-SHA-1, PLAIN only
 * over TLS and only when enabled, failures throttled per peer address and per account.
 */
public final class SaslStage {
  /** Failed SASL attempts allowed on one stream (RFC 6120 §6.4.5: 2 to 5 retries). */
  static final int MAX_ATTEMPTS = 3;

  private final C2sConfig config;
  private final CredentialStore store;
  private final AuthThrottle throttle;
  private final SecureRandom random;
  private final String peerAddress;

  public SaslStage(
      C2sConfig config,
      CredentialStore store,
      AuthThrottle throttle,
      SecureRandom random,
      String peerAddress) {
    this.config = config;
    this.store = store;
    this.throttle = throttle;
    this.random = random;
    this.peerAddress = peerAddress;
  }

  /** The mechanisms offered, strongest first (RFC 6120 §6.3.3). */
  List<String> mechanisms(boolean tls) {
    List<String> names = new ArrayList<>();
    for (ScramAlgorithm algorithm : ScramAlgorithm.values()) {
      names.add(algorithm.mechanism());
    }
    if (tls && config.plainEnabled()) {
      names.add("PLAIN");
    }
    return names;
  }

  /** RFC 6120 §6.4.2: the {@code <auth/>} element. */
  Transition auth(AwaitAuth state, XmlElement element) {
    if (!Namespaces.SASL.equals(element.namespace()) || !"auth".equals(element.name())) {
      return Transition.fail(StreamErrorCondition.NOT_AUTHORIZED, "authenticate first");
    }
    String mechanism = element.attribute("mechanism").orElse("");
    Optional<byte[]> data = decode(element.text());
    if (data.isEmpty()) {
      return failure(state, SaslFailure.INCORRECT_ENCODING, "bad base64");
    }
    for (ScramAlgorithm algorithm : ScramAlgorithm.values()) {
      if (algorithm.mechanism().equals(mechanism)) {
        return scramStart(state, algorithm, data.get());
      }
    }
    if ("PLAIN".equals(mechanism) && config.plainEnabled()) {
      return state.tls()
          ? plain(state, data.get())
          : failure(state, SaslFailure.ENCRYPTION_REQUIRED, "PLAIN needs TLS");
    }
    return failure(state, SaslFailure.INVALID_MECHANISM, "mechanism not offered");
  }

  private Transition scramStart(AwaitAuth state, ScramAlgorithm algorithm, byte[] data) {
    SaslStep step = ScramExchange.start(algorithm, data, store, random);
    if (step instanceof SaslStep.Challenge challenge) {
      if (!throttle.allows(peerAddress, challenge.next().username())) {
        return failure(state, SaslFailure.TEMPORARY_AUTH_FAILURE, "too many failures, retry later");
      }
      return Transition.stay(
          new ScramChallenged(state.tls(), state.failures(), challenge.next()),
          new Send(Replies.challenge(challenge.data())));
    }
    SaslStep.Failure failure = (SaslStep.Failure) step;
    return failure(state, failure.condition(), failure.text());
  }

  /** RFC 6120 §6.4.2: the {@code <response/>} (or {@code <abort/>}, §6.4.4). */
  Transition response(ScramChallenged state, XmlElement element) {
    AwaitAuth back = new AwaitAuth(state.tls(), state.failures());
    if (Namespaces.SASL.equals(element.namespace()) && "abort".equals(element.name())) {
      return failure(back, SaslFailure.ABORTED, "aborted");
    }
    if (!Namespaces.SASL.equals(element.namespace()) || !"response".equals(element.name())) {
      return Transition.fail(StreamErrorCondition.NOT_AUTHORIZED, "authenticate first");
    }
    Optional<byte[]> data = decode(element.text());
    if (data.isEmpty()) {
      return failure(back, SaslFailure.INCORRECT_ENCODING, "bad base64");
    }
    SaslStep step = state.exchange().finish(data.get());
    if (step instanceof SaslStep.Success success) {
      return succeed(state.tls(), success);
    }
    SaslStep.Failure failure = (SaslStep.Failure) step;
    if (failure.condition() == SaslFailure.NOT_AUTHORIZED) {
      throttle.failed(peerAddress, state.exchange().username());
    }
    return failure(back, failure.condition(), failure.text());
  }

  /**
   * RFC 4616: authzid NUL authcid NUL passwd, checked against the SCRAM-SHA-256 keys. An authzid
   * may only name the user's own bare JID (RFC 6120 §6.3.8; Net::XMPP sends one), else {@code
   * invalid-authzid}.
   */
  private Transition plain(AwaitAuth state, byte[] data) {
    String[] parts = new String(data, StandardCharsets.UTF_8).split("\u0000", -1);
    if (parts.length != 3 || parts[1].isEmpty()) {
      return failure(state, SaslFailure.MALFORMED_REQUEST, "bad PLAIN message");
    }
    String user = parts[1].toLowerCase(Locale.ROOT);
    if (!throttle.allows(peerAddress, user)) {
      return failure(state, SaslFailure.TEMPORARY_AUTH_FAILURE, "too many failures, retry later");
    }
    char[] password = parts[2].toCharArray();
    boolean ok =
        store.lookup(user, ScramAlgorithm.SHA_256).map(c -> c.matches(password)).orElse(false);
    java.util.Arrays.fill(password, '\0');
    if (!ok) {
      throttle.failed(peerAddress, user);
      return failure(state, SaslFailure.NOT_AUTHORIZED, "authentication failed");
    }
    if (!parts[0].isEmpty() && !parts[0].equalsIgnoreCase(user + "@" + config.domain())) {
      return failure(state, SaslFailure.INVALID_AUTHZID, "you may act only as yourself");
    }
    return succeed(state.tls(), new SaslStep.Success(user, new byte[0]));
  }

  /** RFC 6120 §6.4.6: success, then the client restarts the stream. */
  private static Transition succeed(boolean tls, SaslStep.Success success) {
    return Transition.stay(
        new AwaitHeader(tls, Optional.of(success.username())),
        new Send(Replies.success(success.additionalData())),
        new C2sAction.RestartStream());
  }

  /**
   * A SASL failure; the client may retry (RFC 6120 §6.4.5), but after {@link #MAX_ATTEMPTS} failed
   * attempts on one stream it ends with a {@code not-authorized} stream error.
   */
  private static Transition failure(AwaitAuth state, SaslFailure condition, String text) {
    Send failure = new Send(Replies.failure(condition, text));
    int failures = state.failures() + 1;
    if (failures >= MAX_ATTEMPTS) {
      Transition end = Transition.fail(StreamErrorCondition.NOT_AUTHORIZED, "too many attempts");
      List<C2sAction> actions = new ArrayList<>(List.of(failure));
      actions.addAll(end.actions());
      return new Transition(end.state(), actions);
    }
    return Transition.stay(new AwaitAuth(state.tls(), failures), failure);
  }

  /** RFC 6120 §6.4.2: base64, "=" for an empty response. */
  private static Optional<byte[]> decode(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty() || "=".equals(trimmed)) {
      return Optional.of(new byte[0]);
    }
    try {
      return Optional.of(Base64.getDecoder().decode(trimmed));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
