package io.fedgate.certstore;

import java.util.Objects;

/**
 * Why an operation was refused: a stable {@link RejectionCode} and a sentence an operator can act
 * on (naming the certificate, the store or the limit). Never holds key material.
 */
public record Rejection(RejectionCode code, String detail) {
  public Rejection {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return code + ": " + detail;
  }
}
