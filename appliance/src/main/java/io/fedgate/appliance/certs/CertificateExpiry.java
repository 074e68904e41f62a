package io.fedgate.appliance.certs;

import io.fedgate.certstore.check.ExpiringCertificate;
import io.fedgate.certstore.check.ExpiryScan;
import io.fedgate.certstore.pki.CertificateDetails;
import io.fedgate.certstore.store.CertificateStores;
import io.fedgate.certstore.store.CertificateView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Certificates that expire within 30 days (or have expired): listed for {@code fedgate status},
 * exported as gauges, and logged at most once a day. Every method reads the stores now and the
 * injected clock; the scheduling around it ({@link ExpirySchedule}) only calls them.
 *
 * <p>Metrics: {@code fedgate_certificate_expiry_seconds{store,alias}}, the seconds until the first
 * certificate of each stored entry expires (negative once expired), for alerting rules; and {@code
 * fedgate_certificates_expiring}, how many certificates expire within the window.
 */
public final class CertificateExpiry implements MeterBinder {
  private static final Logger log = LoggerFactory.getLogger(CertificateExpiry.class);

  /** The reporting window. */
  public static final Duration WINDOW = ExpiryScan.DEFAULT_WINDOW;

  private static final Duration LOG_INTERVAL = Duration.ofDays(1);

  private final Supplier<CertificateStores> stores;
  private final Clock clock;
  private final AtomicReference<Instant> lastLogged = new AtomicReference<>();
  private final AtomicReference<Map<String, Instant>> firstExpiry = new AtomicReference<>(Map.of());
  private volatile MultiGauge expiryGauge;

  public CertificateExpiry(Supplier<CertificateStores> stores, Clock clock) {
    this.stores = stores;
    this.clock = clock;
  }

  /** Every stored certificate expiring within {@link #WINDOW}, soonest first. */
  public List<ExpiringCertificate> expiring() {
    return stores.get().expiring(WINDOW);
  }

  /**
   * Logs a warning per expiring certificate if the last such report is a day old (or none was made
   * yet).
   *
   * @return true when it logged (even "none expiring"), false when a report is not due yet
   */
  public boolean logIfDue() {
    Instant now = clock.instant();
    Instant last = lastLogged.get();
    if (last != null && now.isBefore(last.plus(LOG_INTERVAL))) {
      return false;
    }
    lastLogged.set(now);
    List<ExpiringCertificate> expiring = expiring();
    for (ExpiringCertificate certificate : expiring) {
      log.warn(
          "certificate {}/{} '{}' {} {} ({} days)",
          certificate.store(),
          certificate.alias(),
          certificate.subject(),
          certificate.expired() ? "expired on" : "expires on",
          certificate.notAfter(),
          certificate.daysLeft());
    }
    if (expiring.isEmpty()) {
      log.info("no certificate expires within {} days", WINDOW.toDays());
    }
    return true;
  }

  /** Re-reads the stores for the per-entry gauge (after a change, and periodically). */
  public void refresh() {
    List<CertificateView> views = stores.get().listAll();
    Map<String, Instant> earliest = new java.util.TreeMap<>();
    for (CertificateView view : views) {
      firstNotAfter(view)
          .ifPresent(at -> earliest.put(view.store().storeName() + "/" + view.alias(), at));
    }
    firstExpiry.set(
        Map.copyOf(earliest)); // holds the gauges' Instants (Micrometer keeps weak refs)
    MultiGauge gauge = expiryGauge;
    if (gauge != null) {
      gauge.register(
          earliest.entrySet().stream()
              .<MultiGauge.Row<?>>map(
                  e -> MultiGauge.Row.of(tags(e.getKey()), e.getValue(), this::secondsUntil))
              .toList(),
          true);
    }
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    expiryGauge =
        MultiGauge.builder("fedgate.certificate.expiry")
            .baseUnit("seconds")
            .description("seconds until the first certificate of the stored entry expires")
            .register(registry);
    Gauge.builder("fedgate.certificates.expiring", this, e -> e.countExpiring())
        .description("stored entries with a certificate that expires within 30 days or expired")
        .register(registry);
    refresh();
  }

  private double countExpiring() {
    Instant limit = clock.instant().plus(WINDOW);
    return firstExpiry.get().values().stream().filter(at -> at.isBefore(limit)).count();
  }

  private double secondsUntil(Instant notAfter) {
    return Duration.between(clock.instant(), notAfter).toSeconds();
  }

  private static Optional<Instant> firstNotAfter(CertificateView view) {
    return view.chain().stream().map(CertificateDetails::notAfter).min(Instant::compareTo);
  }

  private static Tags tags(String key) {
    int slash = key.indexOf('/');
    return Tags.of("store", key.substring(0, slash), "alias", key.substring(slash + 1));
  }
}
