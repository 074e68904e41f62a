package io.fedgate.appliance.s2s;

import io.fedgate.acl.guard.GuardDecision;
import io.fedgate.acl.guard.OpenFederationGuard;
import io.fedgate.acl.incoming.AclDecision;
import io.fedgate.acl.incoming.AclEntry;
import io.fedgate.acl.incoming.IncomingAcl;
import io.fedgate.acl.incoming.Peer;
import io.fedgate.acl.net.IpAddress;
import io.fedgate.acl.policy.PolicyDecider;
import io.fedgate.acl.policy.PolicyDecision;
import io.fedgate.acl.policy.TrafficDirection;
import io.fedgate.xmpp.s2s.Admission;
import io.fedgate.xmpp.s2s.Direction;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Who may federate over S2S, decided from memory (called on event loops):
 *
 * <ol>
 *   <li>the XMPP federation policy, for the direction of the traffic (an inbound stream is the
 *       peer's traffic to us, an outbound one ours to the peer);
 *   <li>for inbound streams from domains that are not declared XMPP partners, the incoming ACL,
 *       once an operator has put entries in it (IM&P's Incoming ACL is a SIP Proxy object; on XMPP
 *       it is an extra filter, and the read-only entries of SIP federated domains do not switch it
 *       on): the peer needs an address and a name entry, as on SIP;
 *   <li>for domains that are neither XMPP partners nor SIP federated domains (open federation), the
 *       open-federation guard: its watch list and rate for each newly authenticated pair.
 * </ol>
 */
final class S2sAdmission implements Admission {
  private final Supplier<PolicyDecider> policy;
  private final Supplier<IncomingAcl> acl;
  private final Supplier<OpenFederationGuard> guard;
  private final Predicate<String> xmppPartner;
  private final Predicate<String> declared;

  /**
   * @param xmppPartner whether a domain is a declared XMPP partner (primary or additional)
   * @param declared whether a domain is a declared partner of either protocol (guard exemption)
   */
  S2sAdmission(
      Supplier<PolicyDecider> policy,
      Supplier<IncomingAcl> acl,
      Supplier<OpenFederationGuard> guard,
      Predicate<String> xmppPartner,
      Predicate<String> declared) {
    this.policy = policy;
    this.acl = acl;
    this.guard = guard;
    this.xmppPartner = xmppPartner;
    this.declared = declared;
  }

  @Override
  public Decision decide(Request request) {
    String peer = request.peerDomain();
    boolean inbound = request.direction() == Direction.INBOUND;
    PolicyDecision byPolicy =
        policy.get().decide(peer, inbound ? TrafficDirection.INCOMING : TrafficDirection.OUTGOING);
    if (!byPolicy.allowed()) {
      return Decision.refuse("POLICY_" + byPolicy.reason(), byPolicy.detail());
    }
    if (inbound && request.peerAddress().isPresent() && !xmppPartner.test(peer)) {
      Optional<Decision> byAcl = acl(peer, request.peerAddress().get());
      if (byAcl.isPresent()) {
        return byAcl.get();
      }
    }
    if (!declared.test(peer) && request.peerAddress().isPresent()) {
      GuardDecision byGuard = guard.get().check(peer, "xmpp:" + request.localDomain());
      if (byGuard instanceof GuardDecision.Deny deny) {
        return Decision.refuse("GUARD_" + deny.reason(), deny.detail());
      }
      if (byGuard instanceof GuardDecision.Throttle throttle) {
        return Decision.refuse(
            "GUARD_" + throttle.reason(),
            peer + " is over its rate of " + throttle.ratePerSecond() + "/s");
      }
    }
    return Decision.allow();
  }

  private Optional<Decision> acl(String peer, String address) {
    IncomingAcl current = acl.get();
    if (!current.isOpen() && current.entries().stream().allMatch(AclEntry::readOnly)) {
      return Optional.empty();
    }
    Optional<IpAddress> ip = IpAddress.parse(stripPort(address));
    if (ip.isEmpty()) {
      return Optional.of(Decision.refuse("ACL_BAD_ADDRESS", "peer address " + address));
    }
    AclDecision decision = current.evaluate(Peer.of(ip.get(), peer));
    if (decision.allowed()) {
      return Optional.empty();
    }
    return Optional.of(Decision.refuse("ACL_" + decision.reason(), decision.detail()));
  }

  /** The IP of {@code ip}, {@code ip:port} or {@code [v6]:port}. */
  static String stripPort(String address) {
    if (address.startsWith("[")) {
      int close = address.indexOf(']');
      return close < 0 ? address : address.substring(1, close);
    }
    int colon = address.indexOf(':');
    return colon > 0 && colon == address.lastIndexOf(':') ? address.substring(0, colon) : address;
  }
}
