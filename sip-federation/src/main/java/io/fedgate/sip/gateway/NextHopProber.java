package io.fedgate.sip.gateway;

import gov.nist.javax.sip.Utils;
import io.fedgate.sip.jain.SipEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an OPTIONS to every next hop of every SIP federated domain each {@link
 * NextHopHealth.Settings#interval()} (PROTOCOL.md §6.4: OPTIONS as a liveness check) and records
 * the outcome in {@link NextHopHealth}: any final response but 503 is a success, 503, no answer
 * (timeout), a refused connection or a refused certificate a failure. One round at a time: a round
 * waits for all its pings before the next is scheduled. An interval of zero pauses pinging (the
 * setting is read again every few seconds).
 */
public final class NextHopProber implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NextHopProber.class);
  private static final Duration PAUSED_RECHECK = Duration.ofSeconds(5);

  private final SipEndpoint endpoint;
  private final NextHops nextHops;
  private final Supplier<Collection<String>> domains;
  private final NextHopHealth health;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong cseq = new AtomicLong();

  /**
   * @param domains the SIP federated domains whose next hops are pinged
   * @param scheduler runs the rounds (route resolution may do DNS)
   */
  public NextHopProber(
      SipEndpoint endpoint,
      NextHops nextHops,
      Supplier<Collection<String>> domains,
      NextHopHealth health,
      ScheduledExecutorService scheduler) {
    this.endpoint = endpoint;
    this.nextHops = nextHops;
    this.domains = domains;
    this.health = health;
    this.scheduler = scheduler;
  }

  /** Schedules the first round after one interval. */
  public void start() {
    schedule(delay());
  }

  private Duration delay() {
    Duration interval = health.settings().interval();
    return interval.isZero() ? PAUSED_RECHECK : interval;
  }

  private void schedule(Duration delay) {
    if (closed.get()) {
      return;
    }
    try {
      scheduler.schedule(this::round, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // shutting down
    }
  }

  private void round() {
    if (closed.get()) {
      return;
    }
    if (health.settings().interval().isZero()) {
      schedule(PAUSED_RECHECK);
      return;
    }
    CompletableFuture<Void> all;
    try {
      all = pingAll();
    } catch (RuntimeException e) {
      LOG.warn("next hop health round failed: {}", e.toString());
      all = CompletableFuture.completedFuture(null);
    }
    all.whenComplete((ok, error) -> schedule(delay()));
  }

  /** One round now: pings every current next hop once; completes when all have an outcome. */
  public CompletableFuture<Void> pingAll() {
    Map<String, NextHops.Target> targets = new LinkedHashMap<>();
    Map<String, String> domainOf = new LinkedHashMap<>();
    for (String domain : domains.get()) {
      List<NextHops.Target> hops;
      try {
        hops = nextHops.targets(domain);
      } catch (RuntimeException e) {
        LOG.info("next hops of {} not resolved: {}", domain, e.toString());
        continue;
      }
      for (NextHops.Target target : hops) {
        targets.putIfAbsent(target.key(), target);
        domainOf.putIfAbsent(target.key(), domain);
      }
    }
    health.retain(targets.keySet());
    List<CompletableFuture<?>> pings = new ArrayList<>();
    targets.forEach((key, target) -> pings.add(ping(target, domainOf.get(key))));
    return CompletableFuture.allOf(pings.toArray(new CompletableFuture<?>[0]));
  }

  private CompletableFuture<?> ping(NextHops.Target target, String domain) {
    Request options;
    try {
      options =
          endpoint.parseRequest(
              "OPTIONS sip:"
                  + target.expectedHost()
                  + " SIP/2.0\r\nFrom: <sip:"
                  + endpoint.localFqdn()
                  + ">;tag="
                  + Utils.getInstance().generateTag()
                  + "\r\nTo: <sip:"
                  + domain
                  + ">\r\nCall-ID: "
                  + Utils.getInstance().generateCallIdentifier(endpoint.localFqdn())
                  + "\r\nCSeq: "
                  + cseq.incrementAndGet()
                  + " OPTIONS\r\nMax-Forwards: 70\r\nAccept: application/sdp\r\n"
                  + "Content-Length: 0\r\n\r\n");
    } catch (java.text.ParseException e) {
      health.failed(target.key(), target.expectedHost(), "OPTIONS not built: " + e.getMessage());
      return CompletableFuture.completedFuture(null);
    }
    return endpoint
        .send(options, target.address(), target.transport(), target.expectedHost())
        .handle(
            (response, error) -> {
              record(health, target, response, error);
              return null;
            });
  }

  /** Records a request's outcome for its hop (pings and real traffic alike). */
  static void record(NextHopHealth health, NextHops.Target target, Response response, Throwable e) {
    if (e != null) {
      Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
      health.failed(target.key(), target.expectedHost(), problem(cause));
    } else if (response.getStatusCode() == Response.SERVICE_UNAVAILABLE) {
      health.failed(target.key(), target.expectedHost(), "503 Service Unavailable");
    } else {
      health.succeeded(target.key(), target.expectedHost());
    }
  }

  private static String problem(Throwable cause) {
    if (cause instanceof java.util.concurrent.TimeoutException) {
      return "no answer";
    }
    String message = cause == null ? null : cause.getMessage();
    return message == null || message.isBlank()
        ? (cause == null ? "failed" : cause.getClass().getSimpleName())
        : message;
  }

  @Override
  public void close() {
    closed.set(true);
  }
}
