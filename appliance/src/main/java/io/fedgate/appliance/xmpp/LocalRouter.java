package io.fedgate.appliance.xmpp;

import io.fedgate.appliance.store.LocalUser;
import io.fedgate.appliance.users.UserDirectory;
import io.fedgate.core.route.RemoteDomains;
import io.fedgate.core.route.RemoteGateway;
import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.Carbons;
import io.fedgate.xmpp.c2s.ClientSession;
import io.fedgate.xmpp.c2s.LocalSessions;
import io.fedgate.xmpp.c2s.StanzaRouter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The XCP Router's local delivery (RFC 6121 §8.5). Messages to a full JID go to that session; to a
 * bare JID, to the available resource(s) of highest non-negative priority, else into offline
 * storage. Stanzas for a non-local domain go to the gateway {@link RemoteDomains} names (SIP or
 * S2S), or get {@code remote-server-not-found} when none takes that domain; a gateway's failure
 * comes back to the local sender as an error stanza. Stanzas arriving from remote domains ({@link
 * #inbound}) are delivered the same way, and their errors go back through the gateways. An unknown
 * or disabled local user gets {@code service-unavailable}. Error stanzas are never answered with
 * errors, so nothing loops. Presence only records which sessions are available and with what
 * priority (rosters and broadcast are the Presence Engine's). Runs on event loops: reads only
 * in-memory snapshots, storage goes to the {@link OfflineStore} thread.
 */
final class LocalRouter implements StanzaRouter {
  private final Set<String> localDomains;
  private final UserDirectory users;
  private final LocalSessions sessions;
  private final OfflineStore offline;
  private final RemoteDomains remote;

  /**
   * Available resources with their priority, and which session sent the presence: a client that
   * reconnects with the same full JID gets a new session, which the old one's end must not undo.
   */
  private final ConcurrentMap<Jid, Availability> available = new ConcurrentHashMap<>();

  private record Availability(ClientSession session, int priority) {}

  private final CarbonCopies carbons;
  private final OutboundCheck outbound;

  /** A check of each stanza from a local user before it is routed (XEP-0191 block lists). */
  interface OutboundCheck {
    OutboundCheck NONE = (stanza, sender) -> false;

    /** True when the check consumed the stanza (answered it, or refused it). */
    boolean intercept(XmlElement stanza, ClientSession sender);
  }

  LocalRouter(
      List<String> localDomains,
      UserDirectory users,
      LocalSessions sessions,
      OfflineStore offline,
      RemoteDomains remote) {
    this(localDomains, users, sessions, offline, remote, OutboundCheck.NONE);
  }

  LocalRouter(
      List<String> localDomains,
      UserDirectory users,
      LocalSessions sessions,
      OfflineStore offline,
      RemoteDomains remote,
      OutboundCheck outbound) {
    this.localDomains = Set.copyOf(localDomains);
    this.users = users;
    this.sessions = sessions;
    this.offline = offline;
    this.remote = remote;
    this.carbons = new CarbonCopies(sessions);
    this.outbound = outbound;
  }

  @Override
  public void route(XmlElement stanza, ClientSession sender) {
    Optional<String> rawTo = stanza.attribute("to");
    if (rawTo.isPresent() && Jid.parse(rawTo.get()).isEmpty()) {
      malformed(stanza, sender); // the C2S stream layer answers these first; never a guess
      return;
    }
    if (outbound.intercept(stanza, sender)) {
      return;
    }
    switch (stanza.name()) {
      case "message" -> message(stanza, sender);
      case "presence" -> presence(stanza, sender);
      case "iq" -> iq(stanza, sender);
      default -> {} // the stream layer passes only stanzas
    }
  }

  @Override
  public void sessionEnded(ClientSession session) {
    available.computeIfPresent(session.jid(), (jid, a) -> a.session() == session ? null : a);
  }

  /**
   * XEP-0198 §4: a stanza a session took but whose client never acknowledged it before the session
   * ended. A message goes to the user's other resources or into offline storage (the full JID has
   * no session any more, so §8.5.3.2.1 treats it like the bare JID); an IQ request is answered with
   * {@code service-unavailable}; presence, results, errors and carbon copies are dropped (presence
   * is probed again at the next login).
   */
  @Override
  public void undeliverable(XmlElement stanza) {
    Optional<Jid> to = stanza.attribute("to").flatMap(Jid::parse);
    String type = stanza.attribute("type").orElse(stanza.name().equals("message") ? "normal" : "");
    if (to.isEmpty() || !isLocal(to.get()) || type.equals("error") || Carbons.isCopy(stanza)) {
      return;
    }
    Consumer<String> refuse =
        condition -> {
          XmlElement error = StanzaErrors.reply(stanza, condition, "cancel", to.get().domain());
          Optional<Jid> back = error.attribute("to").flatMap(Jid::parse);
          if (back.isPresent() && isLocal(back.get())) {
            deliverError(error);
          } else if (back.isPresent()) {
            offNode(error);
          }
        };
    if (stanza.name().equals("message")) {
      deliverMessage(stanza, to.get(), true, refuse);
    } else if (stanza.name().equals("iq") && (type.equals("get") || type.equals("set"))) {
      refuse.accept("service-unavailable");
    }
  }

  private void message(XmlElement original, ClientSession sender) {
    Jid to = original.attribute("to").flatMap(Jid::parse).orElse(sender.jid().bare());
    carbons.sent(original, sender); // XEP-0280 §6
    XmlElement stanza = Carbons.withoutPrivate(original); // §7: the recipient does not see it
    if (!isLocal(to)) {
      offNode(stanza);
      return;
    }
    // §7: a private message is not copied to the recipient's other resources either
    boolean copies = original == stanza;
    deliverMessage(stanza, to, copies, condition -> bounce(stanza, sender, condition));
  }

  /**
   * §8.5.2-8.5.3 for a message to a local JID; {@code refuse} answers the sender with a condition
   * (never called for an error stanza).
   */
  private void deliverMessage(XmlElement stanza, Jid to, boolean copies, Consumer<String> refuse) {
    String type = stanza.attribute("type").orElse("normal");
    if (type.equals("error")) {
      sessions.find(to).ifPresent(s -> s.deliver(stanza)); // never bounce an error
      return;
    }
    Optional<LocalUser> user =
        to.local().isEmpty() ? Optional.empty() : users.enabled(to.local(), to.domain());
    if (user.isEmpty()) {
      refuse.accept("service-unavailable"); // RFC 6121 §8.5.1
      return;
    }
    Optional<ClientSession> exact = to.isBare() ? Optional.empty() : sessions.find(to);
    if (exact.isPresent()) {
      exact.get().deliver(stanza);
      if (copies) {
        carbons.received(stanza, to, exact.stream().toList()); // XEP-0280 §5
      }
      return;
    }
    List<ClientSession> targets = highestPriority(to.bare());
    if (!targets.isEmpty() && !type.equals("groupchat")) {
      targets.forEach(s -> s.deliver(stanza)); // §8.5.2.1.1: all of the highest priority
      if (copies) {
        carbons.received(stanza, to, targets);
      }
    } else if ((type.equals("normal") || type.equals("chat")) && !sessions.accepts(to, stanza)) {
      return; // XEP-0191 §3.5: from a JID the user blocked; the filter answered, nothing stored
    } else if (type.equals("normal") || type.equals("chat")) {
      offline.store(user.get().id(), stanza, () -> refuse.accept("service-unavailable"));
    } else if (type.equals("groupchat")) {
      refuse.accept("service-unavailable"); // §8.5.2.1.1 / §8.5.3.2.1
    } // headline with nobody available: silently ignored (§8.5.2.2.1)
  }

  private void iq(XmlElement stanza, ClientSession sender) {
    String type = stanza.attribute("type").orElse("");
    Optional<Jid> to = stanza.attribute("to").flatMap(Jid::parse);
    Optional<ClientSession> target = to.flatMap(sessions::find);
    if (target.isPresent()) {
      target.get().deliver(stanza);
    } else if (to.isPresent() && !isLocal(to.get())) {
      offNode(stanza);
    } else if ((type.equals("get") || type.equals("set")) && to.isPresent()) {
      bounce(stanza, sender, "service-unavailable");
    } // results and errors for nobody are dropped
  }

  /**
   * Presence without 'to' tracks availability and priority. Presence to another domain goes off the
   * node; local presence with a 'to' is the Presence Engine's.
   */
  private void presence(XmlElement stanza, ClientSession sender) {
    Optional<Jid> to = stanza.attribute("to").flatMap(Jid::parse);
    if (to.isPresent()) {
      if (!isLocal(to.get())) {
        offNode(stanza);
      }
      return;
    }
    String type = stanza.attribute("type").orElse("available");
    if (type.equals("unavailable")) {
      sessionEnded(sender);
    } else if (type.equals("available")) {
      int priority = priority(stanza);
      Availability before = available.put(sender.jid(), new Availability(sender, priority));
      if ((before == null || before.session() != sender) && priority >= 0) {
        Jid jid = sender.jid();
        users.enabled(jid.local(), jid.domain()).ifPresent(u -> offline.deliver(u.id(), sender));
      }
    }
  }

  /**
   * A stanza for a remote domain, from a local JID: to the gateway serving that domain. When none
   * does, or the gateway fails it later, the local sender gets an error stanza (errors are never
   * answered).
   */
  void offNode(XmlElement stanza) {
    Optional<Jid> to = stanza.attribute("to").flatMap(Jid::parse);
    if (to.isEmpty()) {
      return;
    }
    boolean error = stanza.attribute("type").filter("error"::equals).isPresent();
    Consumer<String> failed =
        condition -> {
          if (!error) {
            deliverError(
                StanzaErrors.reply(stanza, condition, errorType(condition), to.get().domain()));
          }
        };
    Optional<RemoteGateway> gateway = remote.gatewayFor(to.get().domain());
    if (gateway.isPresent()) {
      gateway.get().send(stanza, failed);
    } else {
      failed.accept("remote-server-not-found");
    }
  }

  /**
   * A message or IQ from a remote domain (presence is the Presence Engine's): delivered like a
   * local one; refusals go back through the gateways.
   */
  void inbound(XmlElement stanza) {
    Optional<Jid> to = stanza.attribute("to").flatMap(Jid::parse);
    if (to.isEmpty() || !isLocal(to.get()) || stanza.attribute("from").isEmpty()) {
      return; // a gateway hands only stanzas for local JIDs from remote ones
    }
    Consumer<String> refuse = condition -> answerRemote(stanza, condition, to.get().domain());
    switch (stanza.name()) {
      case "message" -> deliverMessage(stanza, to.get(), true, refuse);
      case "iq" -> inboundIq(stanza, to.get(), refuse);
      case "presence" -> deliverPresence(stanza, to.get());
      default -> {}
    }
  }

  /** Presence from a remote entity to a local JID, once the Presence Engine has let it through. */
  void deliverPresence(XmlElement stanza, Jid to) {
    if (!to.isBare()) {
      sessions.find(to).ifPresent(s -> s.deliver(stanza));
      return;
    }
    sessions.ofUser(to).stream()
        .filter(s -> priority(s).isPresent())
        .forEach(s -> s.deliver(stanza.withAttribute("to", s.jid().toString())));
  }

  private void inboundIq(XmlElement stanza, Jid to, Consumer<String> refuse) {
    String type = stanza.attribute("type").orElse("");
    Optional<ClientSession> target = to.isBare() ? Optional.empty() : sessions.find(to);
    if (target.isPresent()) {
      target.get().deliver(stanza);
    } else if (type.equals("get") && to.local().isEmpty() && isPing(stanza)) {
      offNode(result(stanza)); // XEP-0199 §4.1: a server answers pings to its domain
    } else if (type.equals("get") || type.equals("set")) {
      refuse.accept("service-unavailable"); // §8.5.1, §8.5.2.1.3, §8.5.3.1
    } // results and errors for nobody are dropped
  }

  private void answerRemote(XmlElement stanza, String condition, String localDomain) {
    if (!stanza.attribute("type").filter("error"::equals).isPresent()) {
      offNode(StanzaErrors.reply(stanza, condition, errorType(condition), localDomain));
    }
  }

  /** An error reply from the node: to the local sessions addressed, or off the node. */
  void reply(XmlElement error) {
    Optional<Jid> to = error.attribute("to").flatMap(Jid::parse);
    if (to.isPresent() && isLocal(to.get())) {
      deliverError(error);
    } else if (to.isPresent()) {
      offNode(error);
    }
  }

  /** An error for a local JID: to that session, or to each session of a bare JID. */
  private void deliverError(XmlElement error) {
    Optional<Jid> to = error.attribute("to").flatMap(Jid::parse);
    if (to.isEmpty()) {
      return;
    }
    if (to.get().isBare()) {
      sessions.ofUser(to.get()).forEach(s -> s.deliver(error));
    } else {
      sessions.find(to.get()).ifPresent(s -> s.deliver(error));
    }
  }

  private boolean isLocal(Jid jid) {
    return localDomains.contains(jid.domain());
  }

  private static boolean isPing(XmlElement iq) {
    return iq.child("urn:xmpp:ping", "ping").isPresent();
  }

  private static XmlElement result(XmlElement iq) {
    Map<String, String> attributes = new LinkedHashMap<>();
    iq.attribute("to").ifPresent(v -> attributes.put("from", v));
    iq.attribute("from").ifPresent(v -> attributes.put("to", v));
    iq.attribute("id").ifPresent(v -> attributes.put("id", v));
    attributes.put("type", "result");
    return new XmlElement(Namespaces.CLIENT, "iq", attributes, List.of());
  }

  /** RFC 6120 §8.3.3: the error type that goes with each condition a gateway reports. */
  static String errorType(String condition) {
    switch (condition) {
      case "remote-server-timeout":
      case "resource-constraint":
      case "internal-server-error":
        return "wait";
      case "forbidden":
        return "auth";
      default:
        return "cancel";
    }
  }

  private List<ClientSession> highestPriority(Jid bare) {
    List<ClientSession> candidates =
        sessions.ofUser(bare).stream().filter(s -> priority(s).orElse(-1) >= 0).toList();
    int best = candidates.stream().mapToInt(s -> priority(s).orElse(-1)).max().orElse(-1);
    return candidates.stream().filter(s -> priority(s).orElse(-1) == best).toList();
  }

  /** The session's priority, empty when it has not sent available presence. */
  private OptionalInt priority(ClientSession session) {
    Availability a = available.get(session.jid());
    return a != null && a.session() == session ? OptionalInt.of(a.priority()) : OptionalInt.empty();
  }

  private static int priority(XmlElement presence) {
    try {
      int value =
          Integer.parseInt(
              presence
                  .child(Namespaces.CLIENT, "priority")
                  .map(XmlElement::text)
                  .orElse("0")
                  .trim());
      return Math.max(-128, Math.min(127, value));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** RFC 6120 §8.3.3.8, from the server: the malformed 'to' cannot be the error's 'from'. */
  private static void malformed(XmlElement stanza, ClientSession sender) {
    String type = stanza.attribute("type").orElse("");
    if (!type.equals("error") && !(stanza.name().equals("iq") && type.equals("result"))) {
      sender.deliver(
          StanzaErrors.reply(stanza, "jid-malformed", "modify", sender.jid().domain())
              .withAttribute("from", sender.jid().domain()));
    }
  }

  private void bounce(XmlElement stanza, ClientSession sender, String condition) {
    sender.deliver(StanzaErrors.reply(stanza, condition, "cancel", sender.jid().domain()));
  }
}
