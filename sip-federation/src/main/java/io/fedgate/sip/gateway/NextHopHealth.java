package io.fedgate.sip.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Whether each SIP next hop (address, port, transport) is up or down (issue 7 deliverable 6). Fed
 * by the periodic OPTIONS pings of {@link NextHopProber} and by the outcome of real requests: an
 * answer counts as a success, no answer (connection refused, certificate refused, timeout) or a 503
 * as a failure. {@code failuresToDown} failures in a row mark a hop down; a down hop needs {@code
 * successesToUp} successes in a row to be up again; a hop never checked is unknown (usable). Route
 * selection ({@link #order}) tries usable hops first, in their route order, and down hops only
 * after them, as a last resort, so a route whose every hop looks down is still tried. Pure apart
 * from its thread-safe table: time comes from the clock, nothing here does I/O.
 */
public final class NextHopHealth {

  /**
   * @param interval time between two OPTIONS pings of a hop; zero turns pinging off (real traffic
   *     still counts)
   * @param failuresToDown failures in a row that mark a hop down (at least 1)
   * @param successesToUp successes in a row that bring a down hop back (at least 1)
   */
  public record Settings(Duration interval, int failuresToDown, int successesToUp) {
    public Settings {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || failuresToDown < 1 || successesToUp < 1) {
        throw new IllegalArgumentException("bad next hop health settings");
      }
    }

    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(30), 2, 1);
    }
  }

  /** A hop's state. */
  public enum State {
    UNKNOWN,
    UP,
    DOWN
  }

  /**
   * What is known of one hop.
   *
   * @param key {@code address:port/transport}
   * @param name the name its certificate must carry (route next hop or SRV target)
   * @param since when the hop entered its state (first seen for UNKNOWN)
   * @param lastChecked the last ping or request outcome, if any
   * @param lastProblem why the last failure failed, if any
   */
  public record Status(
      String key,
      String name,
      State state,
      int failuresInARow,
      int successesInARow,
      Instant since,
      Optional<Instant> lastChecked,
      Optional<String> lastProblem) {

    /** One line for operators ({@code fedgate routes explain}). */
    public String describe(Instant now) {
      StringBuilder line =
          new StringBuilder(key)
              .append(" (")
              .append(name)
              .append(") ")
              .append(state.name().toLowerCase(java.util.Locale.ROOT));
      if (state != State.UNKNOWN) {
        line.append(" for ").append(ago(since, now));
      }
      lastChecked.ifPresent(t -> line.append(", last checked ").append(ago(t, now)).append(" ago"));
      if (state == State.DOWN || failuresInARow > 0) {
        line.append(", ").append(failuresInARow).append(" failure(s) in a row");
        lastProblem.ifPresent(p -> line.append(": ").append(p));
      }
      return line.toString();
    }

    private static String ago(Instant then, Instant now) {
      long seconds = Math.max(0, Duration.between(then, now).toSeconds());
      return seconds + " s";
    }
  }

  private final Supplier<Settings> settings;
  private final Clock clock;
  private final Map<String, Status> table = new ConcurrentHashMap<>();

  /** {@code settings} is read at every outcome, so changed thresholds apply at once. */
  public NextHopHealth(Supplier<Settings> settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  public Settings settings() {
    return settings.get();
  }

  /** The hop answered (any final response but 503). */
  public void succeeded(String key, String name) {
    Instant now = clock.instant();
    table.compute(
        key,
        (k, old) -> {
          Status s = old == null ? fresh(k, name, now) : old;
          int successes = s.successesInARow() + 1;
          State next =
              s.state() == State.DOWN && successes < settings.get().successesToUp()
                  ? State.DOWN
                  : State.UP;
          return new Status(
              k,
              name,
              next,
              0,
              successes,
              next == s.state() ? s.since() : now,
              Optional.of(now),
              s.lastProblem());
        });
  }

  /** The hop did not answer, refused our TLS, or answered 503. */
  public void failed(String key, String name, String problem) {
    Instant now = clock.instant();
    table.compute(
        key,
        (k, old) -> {
          Status s = old == null ? fresh(k, name, now) : old;
          int failures = s.failuresInARow() + 1;
          State next =
              s.state() == State.DOWN || failures >= settings.get().failuresToDown()
                  ? State.DOWN
                  : s.state();
          return new Status(
              k,
              name,
              next,
              failures,
              0,
              next == s.state() ? s.since() : now,
              Optional.of(now),
              Optional.of(problem));
        });
  }

  /** Whether route selection may use the hop without reservation (up or never checked). */
  public boolean usable(String key) {
    Status s = table.get(key);
    return s == null || s.state() != State.DOWN;
  }

  /**
   * The candidates in the order to try them: usable ones in their route order, then the down ones
   * (in route order) as a last resort.
   */
  public <T> List<T> order(List<T> candidates, Function<T, String> key) {
    List<T> ordered = new ArrayList<>(candidates);
    ordered.sort(Comparator.comparingInt(c -> usable(key.apply(c)) ? 0 : 1));
    return ordered;
  }

  /** Forgets hops no route leads to any more. */
  public void retain(Collection<String> keys) {
    Set<String> keep = Set.copyOf(keys);
    table.keySet().removeIf(k -> !keep.contains(k));
  }

  public Optional<Status> status(String key) {
    return Optional.ofNullable(table.get(key));
  }

  /** Every known hop, by key. */
  public List<Status> snapshot() {
    return table.values().stream().sorted(Comparator.comparing(Status::key)).toList();
  }

  public Instant now() {
    return clock.instant();
  }

  private static Status fresh(String key, String name, Instant now) {
    return new Status(key, name, State.UNKNOWN, 0, 0, now, Optional.empty(), Optional.empty());
  }
}
