package io.fedgate.appliance.s2s;

import io.fedgate.acl.guard.GuardDecision;
import io.fedgate.acl.guard.OpenFederationGuard;
import io.fedgate.appliance.service.TrafficCounters;
import io.fedgate.appliance.xmpp.StanzaErrors;
import io.fedgate.core.route.InboundStanzas;
import io.fedgate.core.route.RemoteGateway;
import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The open-federation guard on every stanza from an undeclared XMPP domain (the Lync Edge's
 * discovered-partner rules): within the rate it goes on to the node; over it, or from a
 * watch-listed domain, the sender gets an error back over S2S ({@code resource-constraint} / {@code
 * policy-violation}, RFC 6120 §8.3.3) and the stanza goes no further. Errors are never answered.
 * Runs on the S2S event loops, from memory.
 */
final class GuardedInbound implements InboundStanzas {
  private final InboundStanzas next;
  private final Supplier<OpenFederationGuard> guard;
  private final Predicate<String> declared;
  private final Supplier<Optional<RemoteGateway>> replies;

  private final TrafficCounters refusals;

  GuardedInbound(
      InboundStanzas next,
      Supplier<OpenFederationGuard> guard,
      Predicate<String> declared,
      Supplier<Optional<RemoteGateway>> replies) {
    this(next, guard, declared, replies, new TrafficCounters());
  }

  /**
   * @param refusals counts the stanzas the guard refused, by reason ({@code GUARD_...})
   */
  GuardedInbound(
      InboundStanzas next,
      Supplier<OpenFederationGuard> guard,
      Predicate<String> declared,
      Supplier<Optional<RemoteGateway>> replies,
      TrafficCounters refusals) {
    this.next = next;
    this.guard = guard;
    this.declared = declared;
    this.replies = replies;
    this.refusals = refusals;
  }

  @Override
  public void deliver(XmlElement stanza) {
    Optional<Jid> from = stanza.attribute("from").flatMap(Jid::parse);
    if (from.isEmpty() || declared.test(from.get().domain())) {
      next.deliver(stanza);
      return;
    }
    String to = stanza.attribute("to").flatMap(Jid::parse).map(j -> j.bare().toString()).orElse("");
    GuardDecision decision = guard.get().check(from.get().domain(), "xmpp:" + to);
    if (decision.allowed()) {
      next.deliver(stanza);
      return;
    }
    refusals.increment(
        "GUARD_"
            + (decision instanceof GuardDecision.Throttle throttle
                ? throttle.reason().name()
                : decision instanceof GuardDecision.Deny deny ? deny.reason().name() : "REFUSED"));
    if ("error".equals(stanza.attribute("type").orElse(""))) {
      return;
    }
    String condition =
        decision instanceof GuardDecision.Throttle ? "resource-constraint" : "policy-violation";
    String type = decision instanceof GuardDecision.Throttle ? "wait" : "cancel";
    replies
        .get()
        .ifPresent(
            gateway ->
                gateway.send(
                    StanzaErrors.reply(stanza, condition, type, from.get().domain()),
                    failed -> {}));
  }
}
