package io.fedgate.appliance.admin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Server-side admin page sessions, held in memory (a node restart logs everyone out). The cookie
 * carries only a random 256-bit id; each session has its own CSRF token. A session idle for longer
 * than {@code admin.session-timeout-minutes} is gone.
 */
final class AdminSessions {
  static final String COOKIE = "fedgate_session";

  /** One logged-in browser. {@code lastSeen} moves on every request. */
  static final class Session {
    final String id;
    final String username;
    final String csrfToken;
    final Instant created;
    volatile Instant lastSeen;

    /** A one-time message for the next page (after a redirect). */
    volatile String flash;

    Session(String id, String username, String csrfToken, Instant created) {
      this.id = id;
      this.username = username;
      this.csrfToken = csrfToken;
      this.created = created;
      this.lastSeen = created;
    }
  }

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random;
  private final Clock clock;
  private final Supplier<Duration> idleTimeout;

  AdminSessions(SecureRandom random, Clock clock, Supplier<Duration> idleTimeout) {
    this.random = random;
    this.clock = clock;
    this.idleTimeout = idleTimeout;
  }

  Session create(String username) {
    Instant now = clock.instant();
    sessions.values().removeIf(s -> expired(s, now));
    Session session = new Session(randomId(), username, randomId(), now);
    sessions.put(session.id, session);
    return session;
  }

  /** The live session with this id (its idle clock restarted), or empty when unknown or idle. */
  Optional<Session> touch(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session session = sessions.get(id);
    if (session == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(session, now)) {
      sessions.remove(id);
      return Optional.empty();
    }
    session.lastSeen = now;
    return Optional.of(session);
  }

  void remove(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** Ends every session of a user (disabled or removed account). */
  void removeUser(String username) {
    sessions.values().removeIf(s -> s.username.equals(username));
  }

  String randomId() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private boolean expired(Session session, Instant now) {
    return session.lastSeen.plus(idleTimeout.get()).isBefore(now);
  }
}
