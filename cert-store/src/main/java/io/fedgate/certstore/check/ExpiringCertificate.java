package io.fedgate.certstore.check;

import io.fedgate.certstore.StoreName;
import java.time.Instant;

/**
 * A stored certificate that expires within the reporting window (or has expired).
 *
 * @param daysLeft whole days until notAfter; negative once expired
 */
public record ExpiringCertificate(
    StoreName store, String alias, String subject, Instant notAfter, long daysLeft) {

  public boolean expired() {
    return daysLeft < 0;
  }
}
