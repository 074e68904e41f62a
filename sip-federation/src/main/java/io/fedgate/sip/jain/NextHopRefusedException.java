package io.fedgate.sip.jain;

import io.fedgate.certstore.trust.Decision;
import java.io.IOException;

/** The next hop's TLS certificate was refused (untrusted, wrong name, no serverAuth). */
public final class NextHopRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Decision.Refused refusal;

  public NextHopRefusedException(String host, Decision.Refused refusal) {
    super("certificate of next hop " + host + " refused: " + refusal);
    this.refusal = refusal;
  }

  public Decision.Refused refusal() {
    return refusal;
  }
}
