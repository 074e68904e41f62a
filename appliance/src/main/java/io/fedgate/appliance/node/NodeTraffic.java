package io.fedgate.appliance.node;

import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.service.ServiceRegistry;
import io.fedgate.appliance.service.TrafficCounters;
import io.fedgate.appliance.service.TrafficRates;
import io.fedgate.xmpp.c2s.LocalSessions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The traffic figures of the Dashboard: the counters the federation services keep, the number of
 * client sessions, and message rates from samples of the counters' totals taken every {@link
 * #SAMPLE_EVERY} on one daemon thread (never on a message path).
 */
public final class NodeTraffic implements AutoCloseable {
  static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);

  private final ServiceRegistry services;
  private final LocalSessions sessions;
  private final Clock clock;
  private final TrafficRates rates = new TrafficRates();
  private final ScheduledExecutorService sampler;

  NodeTraffic(ServiceRegistry services, LocalSessions sessions, Clock clock) {
    this.services = services;
    this.sessions = sessions;
    this.clock = clock;
    this.sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "traffic-rates");
              thread.setDaemon(true);
              return thread;
            });
    sample();
    sampler.scheduleAtFixedRate(
        this::sample, SAMPLE_EVERY.toMillis(), SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The counters of the federation services (XMPP S2S, SIP), kept across their restarts. */
  public List<TrafficCounters.Traffic> federation() {
    List<TrafficCounters.Traffic> all = new ArrayList<>();
    for (ServiceName name :
        List.of(ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER, ServiceName.SIP_PROXY)) {
      if (services.component(name) instanceof TrafficCounters.Source source) {
        all.add(source.traffic());
      }
    }
    return all;
  }

  /** Bound client (C2S) sessions of local users. */
  public int clientSessions() {
    return sessions.size();
  }

  /** Messages per minute of each protocol and direction ("XMPP S2S in", "SIP out", ...). */
  public Map<String, Double> ratesPerMinute() {
    return rates.perMinute();
  }

  /** The span the rates cover. */
  public Duration rateSpan() {
    return rates.span();
  }

  private void sample() {
    try {
      rates.sample(clock.instant(), totals());
    } catch (RuntimeException e) { // never let one bad sample stop the schedule
      org.slf4j.LoggerFactory.getLogger(NodeTraffic.class).warn("traffic sample failed", e);
    }
  }

  Map<String, Long> totals() {
    Map<String, Long> totals = new LinkedHashMap<>();
    for (TrafficCounters.Traffic traffic : federation()) {
      totals.put(traffic.protocol() + " in", traffic.in().total());
      totals.put(traffic.protocol() + " out", traffic.out().total());
    }
    return totals;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
