package io.fedgate.appliance.certs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the expiry check every hour on one daemon thread: refreshes the gauges and logs the expiring
 * certificates when {@link CertificateExpiry#logIfDue} says a daily report is due (by the node's
 * clock). Nothing else lives here, so tests call those methods directly.
 */
public final class ExpirySchedule implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExpirySchedule.class);
  private static final Duration PERIOD = Duration.ofHours(1);

  private final CertificateExpiry expiry;
  private final ScheduledExecutorService executor;

  public ExpirySchedule(CertificateExpiry expiry) {
    this.expiry = expiry;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "certificate-expiry");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Checks now, then every hour. */
  public void start() {
    executor.scheduleAtFixedRate(this::tick, 0, PERIOD.toMinutes(), TimeUnit.MINUTES);
  }

  private void tick() {
    try {
      expiry.refresh();
      expiry.logIfDue();
    } catch (RuntimeException e) {
      log.warn("certificate expiry check failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
