package io.fedgate.tlsproxy.config;

/** The two interfaces of the proxy, as on the ASA. */
public enum Side {
  OUTSIDE,
  INSIDE;

  public Side other() {
    return this == OUTSIDE ? INSIDE : OUTSIDE;
  }
}
