package io.fedgate.certstore;

import java.util.NoSuchElementException;

/**
 * The answer of a certificate operation: accepted with a value, or rejected with a {@link
 * Rejection}. A rejected operation changed nothing.
 *
 * @param <T> the value of an accepted operation
 */
public sealed interface Outcome<T> permits Outcome.Accepted, Outcome.Rejected {

  static <T> Outcome<T> accepted(T value) {
    return new Accepted<>(value);
  }

  static <T> Outcome<T> rejected(Rejection rejection) {
    return new Rejected<>(rejection);
  }

  static <T> Outcome<T> rejected(RejectionCode code, String detail) {
    return new Rejected<>(new Rejection(code, detail));
  }

  default boolean isAccepted() {
    return this instanceof Accepted;
  }

  /** The value; throws if the operation was rejected. */
  default T value() {
    if (this instanceof Accepted<T> accepted) {
      return accepted.result();
    }
    throw new NoSuchElementException("rejected: " + ((Rejected<T>) this).rejection());
  }

  /** The rejection; throws if the operation was accepted. */
  default Rejection rejection() {
    if (this instanceof Rejected<T> rejected) {
      return rejected.reason();
    }
    throw new NoSuchElementException("the operation was accepted");
  }

  /** Accepted, with its value. */
  record Accepted<T>(T result) implements Outcome<T> {}

  /** Rejected, with the reason; nothing was changed. */
  record Rejected<T>(Rejection reason) implements Outcome<T> {}
}
