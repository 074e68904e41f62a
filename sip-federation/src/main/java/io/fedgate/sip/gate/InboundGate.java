package io.fedgate.sip.gate;

import io.fedgate.acl.guard.GuardDecision;
import io.fedgate.acl.guard.OpenFederationGuard;
import io.fedgate.acl.incoming.AclDecision;
import io.fedgate.acl.incoming.IncomingAcl;
import io.fedgate.acl.incoming.Peer;
import io.fedgate.acl.policy.PolicyDecider;
import io.fedgate.acl.policy.PolicyDecision;
import io.fedgate.acl.policy.TrafficDirection;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The checks an inbound SIP request passes after TLS (which already applied {@code cup-trust} and
 * the TLS peer subjects): the incoming ACL (IP and FQDN), the federation policy for the sending
 * domain, then the open-federation guard for domains that are not configured SIP federated domains.
 * Stateless apart from the guard; the suppliers give the live configuration.
 */
public final class InboundGate {
  /** Diagnostic ids (fedgate's own range, see {@link Refusal}). */
  public static final int DIAG_ACL = 52001;

  public static final int DIAG_POLICY = 52002;
  public static final int DIAG_GUARD_DENIED = 52003;
  public static final int DIAG_GUARD_THROTTLED = 52004;
  public static final int DIAG_NO_DOMAIN = 52005;
  public static final int DIAG_PEER_FLOOD = 52008;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InboundGate.class);

  private final Supplier<IncomingAcl> acl;
  private final Supplier<PolicyDecider> policy;
  private final Predicate<String> federatedDomain;
  private final Optional<OpenFederationGuard> guard;
  private final Consumer<Refusal> refused;
  private final Optional<PeerFloodThrottle> flood;

  /**
   * @param federatedDomain whether a domain is a configured SIP federated domain (the guard does
   *     not apply to those)
   * @param guard the open-federation guard; empty when open federation is off
   */
  public InboundGate(
      Supplier<IncomingAcl> acl,
      Supplier<PolicyDecider> policy,
      Predicate<String> federatedDomain,
      Optional<OpenFederationGuard> guard) {
    this(acl, policy, federatedDomain, guard, refusal -> {});
  }

  /**
   * @param refused told of every refusal (e.g. to count them by code); runs on the thread that
   *     checks the request, so it must not block
   */
  public InboundGate(
      Supplier<IncomingAcl> acl,
      Supplier<PolicyDecider> policy,
      Predicate<String> federatedDomain,
      Optional<OpenFederationGuard> guard,
      Consumer<Refusal> refused) {
    this(acl, policy, federatedDomain, guard, refused, Optional.empty());
  }

  /**
   * @param flood the per-peer flood throttle, applied to every request before anything else
   */
  public InboundGate(
      Supplier<IncomingAcl> acl,
      Supplier<PolicyDecider> policy,
      Predicate<String> federatedDomain,
      Optional<OpenFederationGuard> guard,
      Consumer<Refusal> refused,
      Optional<PeerFloodThrottle> flood) {
    this.flood = flood;
    this.acl = acl;
    this.policy = policy;
    this.federatedDomain = federatedDomain;
    this.guard = guard;
    this.refused = refused;
  }

  /** Everything allowed: for tests and tools. */
  public static InboundGate open() {
    return new InboundGate(
        () -> IncomingAcl.of(java.util.List.of(io.fedgate.acl.incoming.AclEntry.all("open"))),
        () -> PolicyDecider.of(io.fedgate.acl.policy.FederationPolicy.allowAll()),
        d -> true,
        Optional.empty());
  }

  /** Whether the connection's peer may send at all (ACL). */
  public Optional<Refusal> admitPeer(Peer peer) {
    return told(checkPeer(peer));
  }

  private Optional<Refusal> told(Optional<Refusal> refusal) {
    refusal.ifPresent(refused);
    return refusal;
  }

  private Optional<Refusal> checkPeer(Peer peer) {
    AclDecision decision = acl.get().evaluate(peer);
    if (decision.allowed()) {
      return Optional.empty();
    }
    return Optional.of(
        Refusal.of(
            403,
            "acl." + code(decision.reason().name()),
            DIAG_ACL,
            "Incoming ACL: " + decision.detail()));
  }

  /**
   * The per-request checks: ACL, then the policy for the sender's domain, then the guard.
   *
   * @param senderDomain the host of the From URI
   * @param localUri the target (To) URI, counted by the guard
   */
  public Optional<Refusal> admit(Peer peer, String senderDomain, String localUri) {
    return told(check(peer, senderDomain, localUri));
  }

  private Optional<Refusal> check(Peer peer, String senderDomain, String localUri) {
    if (flood.isPresent()
        && flood.get().check(peer.address().toString())
            instanceof PeerFloodThrottle.Verdict.Throttled throttled) {
      if (throttled.first()) {
        LOG.info(
            "SIP peer {} over {} requests/s: answering 503 until it slows down",
            peer.address(),
            throttled.ratePerSecond());
      }
      return Optional.of(
          new Refusal(
              503,
              "flood.peer-rate",
              DIAG_PEER_FLOOD,
              "over " + throttled.ratePerSecond() + " requests/s from this peer",
              Optional.of(throttled.retryAfter())));
    }
    Optional<Refusal> byAcl = checkPeer(peer);
    if (byAcl.isPresent()) {
      return byAcl;
    }
    if (senderDomain == null || senderDomain.isBlank()) {
      return Optional.of(
          Refusal.of(400, "request.no-sender-domain", DIAG_NO_DOMAIN, "From has no domain"));
    }
    String domain = senderDomain.toLowerCase(Locale.ROOT);
    PolicyDecision decision = policy.get().decide(domain, TrafficDirection.INCOMING);
    if (!decision.allowed()) {
      return Optional.of(
          Refusal.of(
              403,
              "policy." + code(decision.reason().name()),
              DIAG_POLICY,
              "Federation policy: " + decision.detail()));
    }
    if (guard.isEmpty() || federatedDomain.test(domain)) {
      return Optional.empty();
    }
    GuardDecision verdict = guard.get().check(domain, localUri);
    if (verdict instanceof GuardDecision.Deny deny) {
      return Optional.of(
          Refusal.of(
              403,
              "guard." + code(deny.reason().name()),
              DIAG_GUARD_DENIED,
              "Open federation guard: " + deny.detail()));
    }
    if (verdict instanceof GuardDecision.Throttle throttle) {
      return Optional.of(
          new Refusal(
              503,
              "guard." + code(throttle.reason().name()),
              DIAG_GUARD_THROTTLED,
              "Open federation guard: over " + throttle.ratePerSecond() + " requests/s",
              Optional.of(throttle.retryAfter())));
    }
    return Optional.empty();
  }

  private static String code(String enumName) {
    return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
