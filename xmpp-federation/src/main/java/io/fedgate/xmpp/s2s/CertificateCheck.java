package io.fedgate.xmpp.s2s;

import java.util.Objects;

/**
 * Whether the peer's TLS certificate is valid for one domain (RFC 6125 / RFC 6120 §13.7, by
 * cert-store's {@code PeerTrust} in the adapter).
 *
 * @param valid trusted chain, in validity, right EKU, and the domain matches
 * @param reason {@code TRUSTED}, {@code NO_TLS}, or cert-store's {@code RefusalReason} name (e.g.
 *     {@code EXPIRED}, {@code NAME_MISMATCH}, {@code NO_CERTIFICATE})
 * @param detail a sentence naming the certificate and what was expected
 */
public record CertificateCheck(boolean valid, String reason, String detail) {
  public CertificateCheck {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  public static CertificateCheck noTls() {
    return new CertificateCheck(false, "NO_TLS", "the stream is not encrypted");
  }

  @Override
  public String toString() {
    return "[" + reason + "] " + detail;
  }
}
