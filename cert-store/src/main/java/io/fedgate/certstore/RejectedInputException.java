package io.fedgate.certstore;

/**
 * Thrown inside the module by decoders and checks when input is refused; the public operations
 * catch it and answer an {@link Outcome.Rejected}.
 */
public final class RejectedInputException extends Exception {
  private final transient Rejection rejection;

  public RejectedInputException(RejectionCode code, String detail) {
    this(code, detail, null);
  }

  public RejectedInputException(RejectionCode code, String detail, Throwable cause) {
    super(code + ": " + detail, cause);
    this.rejection = new Rejection(code, detail);
  }

  public Rejection rejection() {
    return rejection;
  }
}
