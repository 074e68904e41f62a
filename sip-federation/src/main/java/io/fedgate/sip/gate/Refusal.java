package io.fedgate.sip.gate;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Why an inbound request is refused: the SIP status, a stable reason code (also in logs and the
 * diagnostic header), the fedgate diagnostic id and a human reason.
 *
 * @param diagnosticId fedgate's own id in the {@code ms-diagnostics} header, in the 52000 range so
 *     that it never collides with Microsoft's ids (PROTOCOL.md §6.8)
 */
public record Refusal(
    int status, String code, int diagnosticId, String reason, Optional<Duration> retryAfter) {

  public Refusal {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public static Refusal of(int status, String code, int diagnosticId, String reason) {
    return new Refusal(status, code, diagnosticId, reason, Optional.empty());
  }

  /** The {@code ms-diagnostics} value: id, reason, source and the stable code. */
  public String diagnosticHeader(String source) {
    return diagnosticId
        + ";reason=\""
        + reason.replace('"', '\'')
        + "\";source=\""
        + source
        + "\";fedgate-code=\""
        + code
        + "\"";
  }
}
