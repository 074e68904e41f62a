package io.fedgate.tlsproxy.sip;

/** A SIP message the inspection cannot handle; the session carrying it is closed. */
public final class InspectionException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Stable reason codes for logs and the session view. */
  public enum Reason {
    TOO_LARGE,
    MALFORMED
  }

  private final Reason reason;

  public InspectionException(Reason reason, String detail) {
    super("[" + reason + "] " + detail);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
