package io.fedgate.tlsproxy.netty;

import io.fedgate.tlsproxy.status.ClosedSession;
import io.fedgate.tlsproxy.status.SessionView;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The open sessions of a proxy and the most recently closed ones with their reasons. */
final class SessionRegistry {
  private static final int CLOSED_KEPT = 200;

  private final Clock clock;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, ProxySession> open = new ConcurrentHashMap<>();
  private final Deque<ClosedSession> closed = new ArrayDeque<>();

  SessionRegistry(Clock clock) {
    this.clock = clock;
  }

  long nextId() {
    return ids.incrementAndGet();
  }

  Clock clock() {
    return clock;
  }

  void opened(ProxySession session) {
    open.put(session.id, session);
  }

  void closed(ProxySession session, String reason) {
    open.remove(session.id);
    synchronized (closed) {
      closed.addFirst(new ClosedSession(session.view(), reason, clock.instant()));
      while (closed.size() > CLOSED_KEPT) {
        closed.removeLast();
      }
    }
  }

  List<SessionView> open() {
    return open.values().stream()
        .map(ProxySession::view)
        .sorted(Comparator.comparingLong(SessionView::id))
        .toList();
  }

  List<ClosedSession> recentlyClosed() {
    synchronized (closed) {
      return List.copyOf(closed);
    }
  }
}
