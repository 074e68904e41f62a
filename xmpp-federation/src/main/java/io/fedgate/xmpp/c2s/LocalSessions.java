package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.Jid;
import io.fedgate.xmpp.stream.StreamError;
import io.fedgate.xmpp.stream.StreamErrorCondition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The bound client sessions of this node, by full JID. Binding a JID that is already bound closes
 * the older session with {@code conflict} (RFC 6120 §7.7.2.2: the new session wins).
 */
public final class LocalSessions {
  private final ConcurrentMap<Jid, ClientSession> byJid = new ConcurrentHashMap<>();

  /**
   * The same sessions by bare JID (full JID -> session): immutable maps replaced under the user's
   * entry lock, so that reads need no lock and the two maps never disagree.
   */
  private final ConcurrentMap<Jid, Map<Jid, ClientSession>> byUser = new ConcurrentHashMap<>();

  private final ConcurrentMap<String, ClientSession> resumable = new ConcurrentHashMap<>();
  private volatile InboundFilter filter = InboundFilter.ACCEPT_ALL;

  /** Registers the session under its JID, closing any older session with the same JID. */
  public void bind(ClientSession session) {
    ClientSession[] replaced = new ClientSession[1];
    // both maps change under the user's entry lock, so that they never disagree
    byUser.compute(
        session.jid().bare(),
        (user, resources) -> {
          Map<Jid, ClientSession> next =
              resources == null ? new HashMap<>() : new HashMap<>(resources);
          replaced[0] = byJid.put(session.jid(), session);
          next.put(session.jid(), session);
          return Map.copyOf(next);
        });
    ClientSession old = replaced[0];
    if (old != null && old != session) {
      old.close(
          new StreamError(
              StreamErrorCondition.CONFLICT, "replaced by a new session with the same resource"));
    }
  }

  /** Removes the session, unless a newer one has taken its JID. */
  public void unbind(ClientSession session) {
    byUser.computeIfPresent(
        session.jid().bare(),
        (user, resources) -> {
          byJid.remove(session.jid(), session);
          Map<Jid, ClientSession> next = new HashMap<>(resources);
          next.remove(session.jid(), session);
          return next.isEmpty() ? null : Map.copyOf(next);
        });
  }

  public Optional<ClientSession> find(Jid fullJid) {
    return Optional.ofNullable(byJid.get(fullJid));
  }

  /** Every session of a user (any resource). */
  public List<ClientSession> ofUser(Jid bare) {
    Map<Jid, ClientSession> resources = byUser.get(bare.bare());
    return resources == null ? List.of() : List.copyOf(resources.values());
  }

  /** XEP-0198 §5: a session the client may resume with this id (kept until forgotten). */
  public void resumable(String id, ClientSession session) {
    resumable.put(id, session);
  }

  public Optional<ClientSession> resumable(String id) {
    return Optional.ofNullable(resumable.get(id));
  }

  public void forgetResumable(String id) {
    resumable.remove(id);
  }

  /** Every session that may still be resumed (detached or not). */
  public List<ClientSession> resumableSessions() {
    return List.copyOf(resumable.values());
  }

  /** The check every stanza passes before a session writes it (e.g. XEP-0191 block lists). */
  public void filter(InboundFilter newFilter) {
    this.filter = newFilter;
  }

  /** Whether a stanza may be written to {@code recipient}'s session (see {@link InboundFilter}). */
  public boolean accepts(Jid recipient, io.fedgate.core.stanza.XmlElement stanza) {
    return filter.accept(recipient, stanza);
  }

  public int size() {
    return byJid.size();
  }
}
