package io.fedgate.certstore.tls;

import io.fedgate.certstore.trust.Decision;
import io.fedgate.certstore.trust.RefusalReason;
import java.security.cert.CertificateException;

/**
 * Thrown by the trust manager when {@link io.fedgate.certstore.trust.PeerTrust} refuses a peer;
 * JSSE wraps it as the cause of the handshake failure. The message starts with the reason code in
 * brackets, e.g. {@code [NOT_IN_PEER_SUBJECTS] ...}.
 */
public final class PeerRefusedException extends CertificateException {
  private final transient Decision.Refused refusal;

  public PeerRefusedException(Decision.Refused refusal) {
    super("[" + refusal.reason() + "] " + refusal.detail());
    this.refusal = refusal;
  }

  public Decision.Refused refusal() {
    return refusal;
  }

  public RefusalReason reason() {
    return refusal.reason();
  }

  /** The refusal in the cause chain of a handshake failure, if any. */
  public static java.util.Optional<PeerRefusedException> in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PeerRefusedException refused) {
        return java.util.Optional.of(refused);
      }
    }
    return java.util.Optional.empty();
  }
}
