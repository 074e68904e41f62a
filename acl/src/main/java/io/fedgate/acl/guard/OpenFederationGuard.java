package io.fedgate.acl.guard;

import io.fedgate.acl.AclProblem;
import io.fedgate.acl.guard.GuardDecision.AllowReason;
import io.fedgate.acl.guard.GuardDecision.DenyReason;
import io.fedgate.acl.guard.GuardDecision.ThrottleReason;
import io.fedgate.acl.net.DomainName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Abuse protection for discovered (open-federation) partners, after the Lync Access Edge.
 *
 * <ul>
 *   <li>Each partner may send {@link GuardConfig#standardRatePerSecond()} requests per second
 *       (token bucket, burst of one second); more are throttled with the time until the next token.
 *   <li>A partner whose failed / successful requests reach {@link
 *       GuardConfig#suspiciousFailureRatio()} (after {@link GuardConfig#suspiciousMinRequests()}
 *       outcomes in a period) is suspicious and limited to {@link
 *       GuardConfig#suspiciousRatePerSecond()}.
 *   <li>A partner that addresses more than {@link GuardConfig#maxDistinctLocalUris()} distinct
 *       local URIs (valid or not; throttled requests count, as they were addressed) goes on the
 *       watch list, and its requests are denied until an operator releases or allow-lists it.
 *   <li>Allow-listed partners are exempt.
 * </ul>
 *
 * <p>Memory is bounded: each partner's distinct-URI set stops at the limit and is dropped when the
 * partner is watch-listed; partner state idle for {@link GuardConfig#idleEviction()} is dropped,
 * and beyond {@link GuardConfig#maxTrackedPartners()} the least recently seen partner's state is
 * dropped (its counters start again). The watch list is never dropped automatically; each entry
 * costs its owner more than the URI limit in requests. Methods are synchronized; time comes from
 * the injected clock.
 */
public final class OpenFederationGuard {

  private final GuardConfig config;
  private final Clock clock;
  private final Predicate<String> allowListed;
  private final long uriHashKey;
  private final LinkedHashMap<String, PartnerState> partners = new LinkedHashMap<>(16, 0.75f, true);
  private final LinkedHashMap<String, WatchEntry> watchList = new LinkedHashMap<>();

  /**
   * @param config thresholds (must be valid)
   * @param clock time source
   * @param allowListed whether a normalized partner domain is on the allow list (read on every
   *     request, so allow-list changes apply at once)
   * @param random source of the key that makes URI hashes unpredictable to partners
   * @throws IllegalArgumentException if the config has problems
   */
  public OpenFederationGuard(
      GuardConfig config, Clock clock, Predicate<String> allowListed, RandomGenerator random) {
    List<AclProblem> problems = config.validate();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid guard config: " + problems);
    }
    this.config = config;
    this.clock = clock;
    this.allowListed = allowListed;
    this.uriHashKey = random.nextLong();
  }

  /** Decides on one request from {@code partner} addressed to {@code localUri}. */
  public synchronized GuardDecision check(String partner, String localUri) {
    Optional<DomainName> name = DomainName.parse(partner);
    if (name.isEmpty()) {
      return new GuardDecision.Deny(
          DenyReason.INVALID_PARTNER, "'" + partner + "' is not a domain");
    }
    String domain = name.get().value();
    if (allowListed.test(domain)) {
      return new GuardDecision.Allow(AllowReason.ALLOW_LISTED);
    }
    WatchEntry watched = watchList.get(domain);
    if (watched != null) {
      return new GuardDecision.Deny(
          DenyReason.WATCH_LISTED, domain + " is on the watch list since " + watched.since());
    }
    long now = nanos(clock.instant());
    PartnerState state = stateOf(domain, now);
    if (state.uris.add(UriSet.hash(normalizeUri(localUri), uriHashKey))
        && state.uris.size() > config.maxDistinctLocalUris()) {
      partners.remove(domain);
      watchList.put(domain, new WatchEntry(domain, instant(now), state.uris.size()));
      return new GuardDecision.Deny(
          DenyReason.DISTINCT_URI_LIMIT,
          domain
              + " addressed more than "
              + config.maxDistinctLocalUris()
              + " distinct local URIs");
    }
    return rateLimit(state, now);
  }

  private GuardDecision rateLimit(PartnerState state, long now) {
    boolean suspicious = state.suspicious(config);
    int rate = suspicious ? config.suspiciousRatePerSecond() : config.standardRatePerSecond();
    state.bucket.setRate(rate, now);
    long wait = state.bucket.tryTake(now);
    if (wait == 0) {
      state.admitted++;
      return new GuardDecision.Allow(
          suspicious ? AllowReason.WITHIN_SUSPICIOUS_RATE : AllowReason.WITHIN_STANDARD_RATE);
    }
    state.throttled++;
    state.lastThrottled = now;
    return new GuardDecision.Throttle(
        Duration.ofNanos(wait),
        suspicious ? ThrottleReason.SUSPICIOUS_RATE : ThrottleReason.STANDARD_RATE,
        rate);
  }

  /**
   * Records how a request from {@code partner} ended: failed means refused or addressed to a local
   * URI that does not exist. Ignored for partners whose state is not kept (allow-listed, unknown,
   * evicted or watch-listed).
   */
  public synchronized void recordOutcome(String partner, boolean success) {
    Optional<PartnerState> state = DomainName.parse(partner).map(d -> partners.get(d.value()));
    if (state.isEmpty()) {
      return;
    }
    PartnerState s = state.get();
    long now = nanos(clock.instant());
    s.roll(config, now);
    s.lastSeen = now;
    if (success) {
      s.successes++;
    } else {
      s.failures++;
    }
  }

  /** Takes a partner off the watch list; false if it was not on it. */
  public synchronized boolean release(String partner) {
    return DomainName.parse(partner).map(d -> watchList.remove(d.value()) != null).orElse(false);
  }

  /** A read-only copy of the watch list and of the partners that are limited. */
  public synchronized GuardSnapshot snapshot() {
    long now = nanos(clock.instant());
    evictIdle(now);
    List<PartnerStatus> limited = new ArrayList<>();
    for (PartnerState s : partners.values()) {
      s.roll(config, now);
      boolean suspicious = s.suspicious(config);
      if (suspicious || s.throttled > 0) {
        limited.add(status(s, suspicious));
      }
    }
    limited.sort(Comparator.comparing(PartnerStatus::partner));
    return new GuardSnapshot(
        instant(now), new ArrayList<>(watchList.values()), limited, partners.size());
  }

  private PartnerStatus status(PartnerState s, boolean suspicious) {
    return new PartnerStatus(
        s.partner,
        suspicious,
        suspicious ? config.suspiciousRatePerSecond() : config.standardRatePerSecond(),
        s.admitted,
        s.throttled,
        s.lastThrottled == Long.MIN_VALUE
            ? Optional.empty()
            : Optional.of(instant(s.lastThrottled)),
        s.uris.size(),
        s.successes,
        s.failures);
  }

  private PartnerState stateOf(String domain, long now) {
    evictIdle(now);
    PartnerState state = partners.get(domain);
    if (state == null) {
      if (partners.size() >= config.maxTrackedPartners()) {
        Iterator<PartnerState> eldest = partners.values().iterator();
        eldest.next();
        eldest.remove();
      }
      state = new PartnerState(domain, config, now);
      partners.put(domain, state);
    }
    state.roll(config, now);
    state.lastSeen = now;
    return state;
  }

  private void evictIdle(long now) {
    long idle = config.idleEviction().toNanos();
    Iterator<Map.Entry<String, PartnerState>> it = partners.entrySet().iterator();
    while (it.hasNext() && now - it.next().getValue().lastSeen >= idle) {
      it.remove();
    }
  }

  private static String normalizeUri(String uri) {
    return uri == null ? "" : uri.trim().toLowerCase(Locale.ROOT);
  }

  private static long nanos(Instant instant) {
    return ChronoUnit.NANOS.between(Instant.EPOCH, instant);
  }

  private static Instant instant(long nanos) {
    return Instant.EPOCH.plusNanos(nanos);
  }
}
