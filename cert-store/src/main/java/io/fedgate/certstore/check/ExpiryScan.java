package io.fedgate.certstore.check;

import io.fedgate.certstore.StoreName;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Finds certificates that expire within a window (30 days by default) or have expired. */
public final class ExpiryScan {
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

  private ExpiryScan() {}

  /** The certificates of one entry that expire before {@code now + window}. */
  public static List<ExpiringCertificate> scan(
      StoreName store,
      String alias,
      List<X509Certificate> certificates,
      Instant now,
      Duration window) {
    List<ExpiringCertificate> expiring = new ArrayList<>();
    for (X509Certificate certificate : certificates) {
      Instant notAfter = certificate.getNotAfter().toInstant();
      if (notAfter.isBefore(now.plus(window))) {
        long days = Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400L);
        expiring.add(
            new ExpiringCertificate(
                store, alias, certificate.getSubjectX500Principal().getName(), notAfter, days));
      }
    }
    return expiring;
  }
}
