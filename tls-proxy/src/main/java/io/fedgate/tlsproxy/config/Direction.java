package io.fedgate.tlsproxy.config;

/**
 * Who opens the connections of a proxy instance. On the ASA there is one {@code tls-proxy} per
 * direction: {@code ent_external_to_imp} and {@code ent_imp_to_external}.
 */
public enum Direction {
  /** The partner connects on the outside; the proxy re-originates to the appliance (inside). */
  INBOUND,
  /** The appliance connects on the inside; the proxy re-originates to the partner (outside). */
  OUTBOUND;

  /** The side the connecting client is on. */
  public Side clientSide() {
    return this == INBOUND ? Side.OUTSIDE : Side.INSIDE;
  }
}
