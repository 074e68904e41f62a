package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.Jid;
import io.fedgate.xmpp.stream.StreamError;
import io.fedgate.xmpp.stream.StreamErrorCondition;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The bound client sessions of this node, by full JID. Binding a JID that is already bound closes
 * the older session with {@code conflict} (RFC 6120 §7.7.2.2: the new session wins).
 */
public final class LocalSessions {
  private final ConcurrentMap<Jid, ClientSession> byJid = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ClientSession> resumable = new ConcurrentHashMap<>();
  private volatile InboundFilter filter = InboundFilter.ACCEPT_ALL;

  /** Registers the session under its JID, closing any older session with the same JID. */
  public void bind(ClientSession session) {
    ClientSession old = byJid.put(session.jid(), session);
    if (old != null && old != session) {
      old.close(
          new StreamError(
              StreamErrorCondition.CONFLICT, "replaced by a new session with the same resource"));
    }
  }

  /** Removes the session, unless a newer one has taken its JID. */
  public void unbind(ClientSession session) {
    byJid.remove(session.jid(), session);
  }

  public Optional<ClientSession> find(Jid fullJid) {
    return Optional.ofNullable(byJid.get(fullJid));
  }

  /** Every session of a user (any resource). */
  public List<ClientSession> ofUser(Jid bare) {
    Jid key = bare.bare();
    return byJid.values().stream().filter(s -> s.jid().bare().equals(key)).toList();
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
