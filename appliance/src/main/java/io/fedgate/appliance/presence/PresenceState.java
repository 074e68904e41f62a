package io.fedgate.appliance.presence;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.ClientSession;
import io.fedgate.xmpp.c2s.LocalSessions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the engine remembers about sessions: each available resource's last presence, the recipients
 * of its directed presence (RFC 6121 §4.6) and which resources asked for the roster (interested
 * resources, §2.1.6). In memory only; owned by the engine's thread.
 */
final class PresenceState {
  private final LocalSessions sessions;
  private final Map<Jid, XmlElement> available = new HashMap<>();
  private final Map<Jid, Set<Jid>> directed = new HashMap<>();
  private final Set<Jid> interested = new HashSet<>();

  PresenceState(LocalSessions sessions) {
    this.sessions = sessions;
  }

  /** Records the resource's presence; returns true when it was not available before. */
  boolean setAvailable(Jid full, XmlElement presence) {
    return available.put(full, presence) == null;
  }

  /** Forgets the resource's presence and directed recipients; returns those recipients. */
  Set<Jid> setUnavailable(Jid full) {
    available.remove(full);
    Set<Jid> recipients = directed.remove(full);
    return recipients == null ? Set.of() : recipients;
  }

  boolean isAvailable(Jid full) {
    return available.containsKey(full);
  }

  void directedTo(Jid full, Jid recipient, boolean availableNow) {
    if (availableNow) {
      directed.computeIfAbsent(full, k -> new LinkedHashSet<>()).add(recipient);
    } else if (directed.containsKey(full)) {
      directed.get(full).remove(recipient);
    }
  }

  /** The last presence of each available resource of the user. */
  List<XmlElement> presencesOf(Jid bare) {
    return availableSessions(bare).stream().map(s -> available.get(s.jid())).toList();
  }

  /** The user's sessions that have sent available presence. */
  List<ClientSession> availableSessions(Jid bare) {
    return sessions.ofUser(bare).stream().filter(s -> available.containsKey(s.jid())).toList();
  }

  void interested(Jid full) {
    interested.add(full);
  }

  /** The user's sessions that requested the roster. */
  List<ClientSession> interestedSessions(Jid bare) {
    return sessions.ofUser(bare).stream().filter(s -> interested.contains(s.jid())).toList();
  }

  void ended(Jid full) {
    interested.remove(full);
  }
}
