package io.fedgate.appliance.certs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.check.ExpiringCertificate;
import io.fedgate.certstore.pki.KeyProtector;
import io.fedgate.certstore.store.CertificateStores;
import io.fedgate.certstore.store.InMemoryCertificateRepository;
import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.TestFiles;
import io.fedgate.certstore.testkit.TestPki;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Expiry reporting on a clock the test moves: the list, the gauges, one log report a day. */
class CertificateExpiryTest {
  private final MutableClock clock = new MutableClock(TestPki.NOW);
  private final CertificateStores stores =
      new CertificateStores(
          new InMemoryCertificateRepository(),
          new KeyProtector(new byte[32], new SecureRandom()),
          clock,
          new SecureRandom());
  private final CertificateExpiry expiry = new CertificateExpiry(() -> stores, clock);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(CertificateExpiry.class);

  @BeforeEach
  void storesAndLog() {
    trust("soon", CertificateBuilder.ca("Soon Root").expiringSoon().selfSigned().chain());
    trust("later", List.of(TestPki.shared().root().certificate()));
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(logged);
  }

  private void trust(String alias, List<java.security.cert.X509Certificate> chain) {
    stores.importTrust(StoreName.CUP_TRUST, alias, TestFiles.pem(chain)).value();
  }

  @Test
  void onlyCertificatesWithinThirtyDaysAreListed() {
    assertThat(expiry.expiring())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.alias()).isEqualTo("soon");
              assertThat(e.daysLeft()).isEqualTo(10);
            });
    clock.advance(Duration.ofDays(11));
    assertThat(expiry.expiring()).extracting(ExpiringCertificate::expired).containsExactly(true);
  }

  @Test
  void theReportIsLoggedOnceADayByTheNodeClock() {
    assertThat(expiry.logIfDue()).isTrue();
    clock.advance(Duration.ofHours(23));
    assertThat(expiry.logIfDue()).isFalse();
    clock.advance(Duration.ofHours(1));
    assertThat(expiry.logIfDue()).isTrue();

    assertThat(logged.list)
        .hasSize(2)
        .allSatisfy(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.WARN);
              assertThat(event.getFormattedMessage())
                  .startsWith(
                      "certificate cup-trust/soon 'CN=Soon Root,O=fedgate test' expires on");
            });
    assertThat(logged.list.get(1).getFormattedMessage()).endsWith("(9 days)");
  }

  @Test
  void gaugesFollowTheClockAndTheStores() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    expiry.bindTo(registry);

    assertThat(registry.get("fedgate.certificate.expiry").tag("alias", "soon").gauge().value())
        .isEqualTo(Duration.ofDays(10).toSeconds());
    assertThat(registry.get("fedgate.certificates.expiring").gauge().value()).isEqualTo(1.0);

    clock.advance(Duration.ofDays(1));
    stores.delete(StoreName.CUP_TRUST, "soon").value();
    expiry.refresh();

    assertThat(registry.find("fedgate.certificate.expiry").tag("alias", "soon").gauge()).isNull();
    assertThat(registry.get("fedgate.certificate.expiry").tag("alias", "later").gauge().value())
        .isPositive();
    assertThat(registry.get("fedgate.certificates.expiring").gauge().value()).isZero();
  }
}
