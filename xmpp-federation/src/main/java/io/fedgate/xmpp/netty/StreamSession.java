package io.fedgate.xmpp.netty;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.ClientSession;
import io.fedgate.xmpp.c2s.StreamManagement;
import io.fedgate.xmpp.stream.StreamError;
import io.fedgate.xmpp.stream.StreamErrorCondition;
import io.netty.channel.EventLoop;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A bound session (RFC 6120 §7) as the router sees it. It outlives its connection when XEP-0198
 * resumption is on: while detached, stanzas for it are queued as unacknowledged; a new connection
 * that resumes it (§5) gets them again; if none does within the resumption timeout, or the session
 * ends otherwise, every unacknowledged stanza goes back to the router (§4: nothing is lost).
 *
 * <p>Thread-safety: a lock guards the counters, the queue and the attached connection. Under it a
 * write only hands bytes to the channel (Netty queues them for the event loop), never blocks.
 */
final class StreamSession implements ClientSession {
  private static final String REQUEST = "<r xmlns='" + StreamManagement.NAMESPACE + "'/>";

  private final Jid jid;
  private final C2sServices services;
  private volatile boolean carbons;
  private StreamManagement sm;
  private C2sConnectionHandler connection;
  private boolean resumable;
  private boolean ended;
  private boolean ackRequested;
  private ScheduledFuture<?> expiry;

  StreamSession(Jid jid, C2sServices services, C2sConnectionHandler connection) {
    this.jid = jid;
    this.services = services;
    this.connection = connection;
  }

  @Override
  public Jid jid() {
    return jid;
  }

  @Override
  public boolean carbonsEnabled() {
    return carbons;
  }

  void carbons(boolean enabled) {
    carbons = enabled;
  }

  @Override
  public void deliver(XmlElement stanza) {
    if (!services.sessions().accepts(jid, stanza)) {
      return; // e.g. from a JID this user blocked (XEP-0191 §3.5); the filter answered
    }
    XmlElement out = stanza.withNamespace(Namespaces.CLIENT);
    C2sConnectionHandler overflowing = null;
    boolean overflow = false;
    synchronized (this) {
      if (!ended && sm != null && sm.unackedCount() >= services.config().maxUnacked()) {
        resumable = false;
        overflow = true;
        overflowing = connection;
      } else if (!ended) {
        String xml = out.toXml(Namespaces.CLIENT);
        if (sm != null) {
          sm.sent(out);
          if (!ackRequested && connection != null) {
            xml += REQUEST; // XEP-0198 §4: one request outstanding at a time
            ackRequested = true;
          }
        }
        if (connection != null) {
          connection.write(xml);
        }
        return;
      }
    }
    if (overflow) {
      overflow(overflowing, stanza);
    } else {
      services.router().undeliverable(stanza);
    }
  }

  /**
   * The client acknowledged too little for too long (a connection that stopped reading, or a
   * detached session nobody resumes): the session ends now, before the stanza goes back to the
   * router, so that neither it nor the queued ones come back here; a connected client gets {@code
   * policy-violation}. Nothing is lost: every stanza goes to the router's {@code undeliverable}.
   */
  private void overflow(C2sConnectionHandler current, XmlElement stanza) {
    if (current != null) {
      current.close(
          new StreamError(
              StreamErrorCondition.POLICY_VIOLATION,
              "more than "
                  + services.config().maxUnacked()
                  + " stanzas unacknowledged (XEP-0198)"));
    }
    end(false);
    services.router().undeliverable(stanza);
  }

  @Override
  public void close(StreamError error) {
    C2sConnectionHandler current;
    synchronized (this) {
      resumable = false;
      current = connection;
    }
    if (current != null) {
      current.close(error); // its channelInactive ends the session
    } else {
      end(false);
    }
  }

  /** XEP-0198 §3: the {@code <enabled/>} answer, or {@code <failed/>} when already enabled. */
  String enable(boolean resume, Duration timeout, SecureRandom random) {
    Optional<String> id;
    synchronized (this) {
      if (sm != null) {
        return failed("unexpected-request");
      }
      id = resume ? Optional.of(newId(random)) : Optional.empty();
      sm = new StreamManagement(id);
      resumable = resume;
    }
    id.ifPresent(i -> services.sessions().resumable(i, this));
    return "<enabled xmlns='"
        + StreamManagement.NAMESPACE
        + "'"
        + id.map(i -> " id='" + i + "' resume='true' max='" + timeout.toSeconds() + "'").orElse("")
        + "/>";
  }

  /** XEP-0198 §4: one more stanza from the client was handled. */
  synchronized void handledOne() {
    if (sm != null) {
      sm.handledOne();
    }
  }

  /** The {@code <a/>} answering {@code <r/>}, empty before stream management is enabled. */
  synchronized Optional<String> ackAnswer() {
    return sm == null
        ? Optional.empty()
        : Optional.of("<a xmlns='" + StreamManagement.NAMESPACE + "' h='" + sm.handled() + "'/>");
  }

  /** XEP-0198 §4: false when {@code h} acknowledges more than was sent. */
  synchronized boolean acknowledge(long h) {
    if (sm == null) {
      return true;
    }
    ackRequested = false;
    return sm.acknowledge(h);
  }

  /** The stream ends deliberately (closed by either side, or a stream error): no resumption. */
  synchronized void closing() {
    resumable = false;
  }

  /**
   * The connection {@code from} is gone. A resumable session waits for its client until the timeout
   * (timer on {@code loop}); any other ends now.
   */
  void detach(C2sConnectionHandler from, EventLoop loop, Duration timeout) {
    synchronized (this) {
      if (connection != from || ended) {
        return; // already resumed on another connection, or over
      }
      connection = null;
      if (resumable) {
        try {
          expiry = loop.schedule(() -> end(true), timeout.toMillis(), TimeUnit.MILLISECONDS);
          return;
        } catch (RejectedExecutionException e) {
          // the event loops shut down: end it now
        }
      }
    }
    end(false);
  }

  /**
   * XEP-0198 §5: attaches the resuming connection, writes {@code <resumed/>} and the stanzas the
   * client did not acknowledge ({@code h}). False when this session cannot be resumed by {@code
   * user} (then nothing changed).
   */
  boolean resume(C2sConnectionHandler to, String user, long h) {
    C2sConnectionHandler old;
    synchronized (this) {
      if (ended || !resumable || sm == null || !jid.local().equals(user) || !sm.acknowledge(h)) {
        return false;
      }
      if (expiry != null) {
        expiry.cancel(false);
        expiry = null;
      }
      old = connection;
      connection = to;
      StringBuilder out =
          new StringBuilder("<resumed xmlns='")
              .append(StreamManagement.NAMESPACE)
              .append("' h='")
              .append(sm.handled())
              .append("' previd='")
              .append(sm.resumeId().orElseThrow())
              .append("'/>");
      List<XmlElement> again = sm.unacked();
      again.forEach(s -> out.append(s.toXml(Namespaces.CLIENT)));
      ackRequested = !again.isEmpty();
      if (ackRequested) {
        out.append(REQUEST);
      }
      to.write(out.toString());
    }
    if (old != null) {
      old.drop(); // a half-open connection the client gave up on; its close no longer matters
    }
    return true;
  }

  /** The node shuts down: no more resumption; a detached session ends now. */
  void shutdown() {
    boolean detached;
    synchronized (this) {
      resumable = false;
      detached = connection == null;
    }
    if (detached) {
      end(false);
    }
  }

  /**
   * Ends the session: unbound, presence cleaned up by the router, and every unacknowledged stanza
   * handed back to the router (XEP-0198 §4).
   *
   * @param onlyIfDetached the resumption timer fired: a session resumed meanwhile stays
   */
  private void end(boolean onlyIfDetached) {
    List<XmlElement> lost;
    Optional<String> id;
    synchronized (this) {
      if (ended || (onlyIfDetached && connection != null)) {
        return;
      }
      services.sessions().unbind(this); // before 'ended': nobody finds an ended session
      ended = true;
      resumable = false;
      if (expiry != null) {
        expiry.cancel(false);
      }
      lost = sm == null ? List.of() : sm.drain();
      id = sm == null ? Optional.empty() : sm.resumeId();
    }
    id.ifPresent(services.sessions()::forgetResumable);
    services.router().sessionEnded(this);
    lost.forEach(services.router()::undeliverable);
  }

  private static String failed(String condition) {
    return "<failed xmlns='"
        + StreamManagement.NAMESPACE
        + "'><"
        + condition
        + " xmlns='"
        + Namespaces.STANZA_ERRORS
        + "'/></failed>";
  }

  private static String newId(SecureRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
