package io.fedgate.appliance.presence;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.ClientSession;
import io.fedgate.xmpp.c2s.LocalSessions;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the engine remembers about sessions: each available resource's last presence, the recipients
 * of its directed presence (RFC 6121 §4.6) and which resources asked for the roster (interested
 * resources, §2.1.6). In memory only; owned by the engine's thread.
 */
final class PresenceState {
  private final LocalSessions sessions;
  private final Map<Jid, XmlElement> available = new HashMap<>();

  /**
   * Which session each available JID's presence came from: a client that reconnects with the same
   * full JID gets a new session, and the old one's end, handled later, must not undo the new one.
   */
  private final Map<Jid, ClientSession> owners = new HashMap<>();

  private final Map<Jid, Set<Jid>> directed = new HashMap<>();
  private final Map<Jid, ClientSession> interested = new HashMap<>();

  PresenceState(LocalSessions sessions) {
    this.sessions = sessions;
  }

  /**
   * Records the session's presence; returns true when it was not available before (its initial
   * presence; also when an older session with the same JID was).
   */
  boolean setAvailable(ClientSession session, XmlElement presence) {
    Jid full = session.jid();
    boolean initial = available.put(full, presence) == null || owners.get(full) != session;
    owners.put(full, session);
    return initial;
  }

  /** Forgets the resource's presence and directed recipients; returns those recipients. */
  Set<Jid> setUnavailable(Jid full) {
    available.remove(full);
    owners.remove(full);
    Set<Jid> recipients = directed.remove(full);
    return recipients == null ? Set.of() : recipients;
  }

  boolean isAvailable(Jid full) {
    return available.containsKey(full);
  }

  /** Whether the presence recorded under the session's JID is this session's. */
  boolean isAvailable(ClientSession session) {
    return available.containsKey(session.jid()) && owners.get(session.jid()) == session;
  }

  void directedTo(Jid full, Jid recipient, boolean availableNow) {
    if (availableNow) {
      directed.computeIfAbsent(full, k -> new LinkedHashSet<>()).add(recipient);
    } else if (directed.containsKey(full)) {
      directed.get(full).remove(recipient);
    }
  }

  /** The recipients of the resource's directed presence (§4.6). */
  Set<Jid> directedRecipients(Jid full) {
    return Set.copyOf(directed.getOrDefault(full, Set.of()));
  }

  /** The resource's last available presence. */
  Optional<XmlElement> presenceOf(Jid full) {
    return Optional.ofNullable(available.get(full));
  }

  /** The last presence of each available resource of the user. */
  List<XmlElement> presencesOf(Jid bare) {
    return availableSessions(bare).stream().map(s -> available.get(s.jid())).toList();
  }

  /** The user's sessions that have sent available presence. */
  List<ClientSession> availableSessions(Jid bare) {
    return sessions.ofUser(bare).stream().filter(this::isAvailable).toList();
  }

  void interested(ClientSession session) {
    interested.put(session.jid(), session);
  }

  /** The user's sessions that requested the roster. */
  List<ClientSession> interestedSessions(Jid bare) {
    return sessions.ofUser(bare).stream().filter(s -> interested.get(s.jid()) == s).toList();
  }

  /** The session ended: it is no longer interested (a newer session with its JID may be). */
  void ended(ClientSession session) {
    interested.remove(session.jid(), session);
  }
}
