package io.fedgate.appliance.store;

/** The config database could not do what was asked (I/O failure or a bug, not bad input). */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
