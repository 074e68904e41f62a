package io.fedgate.xmpp.netty;

import io.fedgate.xmpp.s2s.AuthMethod;
import io.fedgate.xmpp.s2s.Direction;
import io.fedgate.xmpp.s2s.DomainPair;
import io.fedgate.xmpp.s2s.FailureReason;
import io.fedgate.xmpp.s2s.S2sConnection;
import io.fedgate.xmpp.s2s.S2sFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The live authenticated pairs and the per-domain failure history of one {@link S2sService}. */
final class S2sRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(S2sRegistry.class);
  static final int FAILURES_PER_DOMAIN = 50;

  private final Clock clock;
  private final Map<Object, Live> live = new ConcurrentHashMap<>();
  private final Map<String, Deque<S2sFailure>> failures = new HashMap<>();
  private volatile java.util.function.Consumer<S2sFailure> sink = f -> {};

  S2sRegistry(Clock clock) {
    this.clock = clock;
  }

  /** One authenticated pair on one connection; counters updated from its event loop. */
  static final class Live {
    final DomainPair pair;
    final Direction direction;
    final String peerAddress;
    final Optional<String> tlsVersion;
    final Optional<String> cipher;
    final AuthMethod method;
    final Instant since;
    final AtomicLong in = new AtomicLong();
    final AtomicLong out = new AtomicLong();

    Live(
        DomainPair pair,
        Direction direction,
        String peerAddress,
        Optional<String> tlsVersion,
        Optional<String> cipher,
        AuthMethod method,
        Instant since) {
      this.pair = pair;
      this.direction = direction;
      this.peerAddress = peerAddress;
      this.tlsVersion = tlsVersion;
      this.cipher = cipher;
      this.method = method;
      this.since = since;
    }

    S2sConnection view() {
      return new S2sConnection(
          pair.local(),
          pair.remote(),
          direction,
          peerAddress,
          tlsVersion,
          cipher,
          method,
          since,
          in.get(),
          out.get());
    }
  }

  record Key(String connection, DomainPair pair) {}

  Live add(
      String connection,
      DomainPair pair,
      Direction direction,
      String peerAddress,
      Optional<String> tlsVersion,
      Optional<String> cipher,
      AuthMethod method) {
    Live entry =
        new Live(pair, direction, peerAddress, tlsVersion, cipher, method, clock.instant());
    live.put(new Key(connection, pair), entry);
    LOG.info(
        "S2S {} {} authenticated by {} ({} {})",
        direction,
        pair,
        method,
        tlsVersion.orElse("no TLS"),
        peerAddress);
    return entry;
  }

  Optional<Live> get(String connection, DomainPair pair) {
    return Optional.ofNullable(live.get(new Key(connection, pair)));
  }

  /** Inbound connections (not pairs) with a pair from one of the domains, but {@code except}. */
  int inboundConnections(java.util.Collection<String> remoteDomains, String except) {
    java.util.Set<String> connections = new java.util.HashSet<>();
    live.forEach(
        (k, v) -> {
          if (k instanceof Key key
              && v.direction == Direction.INBOUND
              && !key.connection().equals(except)
              && remoteDomains.contains(key.pair().remote())) {
            connections.add(key.connection());
          }
        });
    return connections.size();
  }

  void removeConnection(String connection) {
    live.keySet().removeIf(k -> k instanceof Key key && key.connection().equals(connection));
  }

  void clear() {
    live.clear();
  }

  List<S2sConnection> connections() {
    return live.values().stream()
        .map(Live::view)
        .sorted(
            Comparator.comparing(S2sConnection::remoteDomain)
                .thenComparing(S2sConnection::localDomain)
                .thenComparing(S2sConnection::direction))
        .toList();
  }

  void failure(
      Direction direction,
      String localDomain,
      String remoteDomain,
      String peerAddress,
      FailureReason reason,
      String detail) {
    S2sFailure failure =
        new S2sFailure(
            clock.instant(), direction, localDomain, remoteDomain, peerAddress, reason, detail);
    LOG.warn(
        "S2S {} failure with '{}' ({}): {} {}",
        direction,
        remoteDomain,
        peerAddress,
        reason,
        detail);
    String key = remoteDomain.toLowerCase(Locale.ROOT);
    synchronized (failures) {
      Deque<S2sFailure> history = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
      history.addFirst(failure);
      while (history.size() > FAILURES_PER_DOMAIN) {
        history.removeLast();
      }
    }
    try {
      sink.accept(failure);
    } catch (RuntimeException e) {
      LOG.warn("S2S failure sink failed: {}", e.toString());
    }
  }

  void sink(java.util.function.Consumer<S2sFailure> newSink) {
    sink = java.util.Objects.requireNonNull(newSink, "sink");
  }

  List<S2sFailure> failures(String domain) {
    synchronized (failures) {
      return List.copyOf(
          failures.getOrDefault(domain.toLowerCase(Locale.ROOT), new ArrayDeque<>()));
    }
  }
}
