package io.fedgate.xmpp.dns;

/** A DNS lookup that gave nothing usable; {@link #notFound()} tells "no such service" apart. */
public final class DnsLookupException extends RuntimeException {
  private final boolean notFound;

  public DnsLookupException(String message, boolean notFound) {
    super(message, null, false, false);
    this.notFound = notFound;
  }

  /** True for NXDOMAIN, "." SRV targets, no address: retrying the same DNS will not help. */
  public boolean notFound() {
    return notFound;
  }
}
