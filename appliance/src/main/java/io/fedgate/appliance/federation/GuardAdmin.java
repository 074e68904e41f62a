package io.fedgate.appliance.federation;

import io.fedgate.acl.guard.GuardConfig;
import io.fedgate.acl.guard.GuardSnapshot;
import io.fedgate.acl.guard.OpenFederationGuard;
import io.fedgate.appliance.params.RuntimeParameters;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The open-federation guard the SIP and XMPP gateways consult for discovered (not allow-listed)
 * partners, configured by the {@code guard.*} runtime parameters. A changed parameter takes effect
 * live: the guard is rebuilt with the new thresholds (its counters and watch list start afresh).
 */
public final class GuardAdmin {
  /** The guard and the thresholds it was built with. */
  private record Built(GuardConfig config, OpenFederationGuard guard) {}

  private final RuntimeParameters parameters;
  private final Clock clock;
  private final Predicate<String> allowListed;
  private final RandomGenerator random;
  private Built built;

  public GuardAdmin(
      RuntimeParameters parameters,
      Clock clock,
      Predicate<String> allowListed,
      RandomGenerator random) {
    this.parameters = parameters;
    this.clock = clock;
    this.allowListed = allowListed;
    this.random = random;
  }

  /** The guard for the current parameters. */
  public synchronized OpenFederationGuard guard() {
    GuardConfig wanted = config(parameters.values());
    if (built == null || !built.config().equals(wanted)) {
      built = new Built(wanted, new OpenFederationGuard(wanted, clock, allowListed, random));
    }
    return built.guard();
  }

  public GuardConfig config() {
    return config(parameters.values());
  }

  public GuardSnapshot snapshot() {
    return guard().snapshot();
  }

  /** Lifts a partner from the watch list; false when it was not on it. */
  public boolean release(String partner) {
    return guard().release(partner);
  }

  static GuardConfig config(Map<String, String> values) {
    GuardConfig defaults = GuardConfig.defaults();
    return new GuardConfig(
        Integer.parseInt(values.get("guard.standard-rate")),
        Integer.parseInt(values.get("guard.suspicious-rate")),
        Integer.parseInt(values.get("guard.max-distinct-uris")),
        Integer.parseInt(values.get("guard.suspicious-min-requests")),
        Integer.parseInt(values.get("guard.suspicious-failure-percent")) / 100.0,
        Duration.ofMinutes(Integer.parseInt(values.get("guard.report-period-minutes"))),
        defaults.idleEviction(),
        defaults.maxTrackedPartners());
  }
}
