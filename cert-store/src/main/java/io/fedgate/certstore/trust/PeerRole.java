package io.fedgate.certstore.trust;

import io.fedgate.certstore.pki.ExtendedKeyUsages;

/** Which side of the handshake the peer is, and so which EKU its certificate needs. */
public enum PeerRole {
  /** The peer connected to us (inbound mutual TLS): its certificate needs clientAuth. */
  CLIENT(ExtendedKeyUsages.CLIENT_AUTH, RefusalReason.MISSING_CLIENT_AUTH_EKU),
  /** We connected to the peer: its certificate needs serverAuth. */
  SERVER(ExtendedKeyUsages.SERVER_AUTH, RefusalReason.MISSING_SERVER_AUTH_EKU);

  private final String requiredUsage;
  private final RefusalReason missingUsage;

  PeerRole(String requiredUsage, RefusalReason missingUsage) {
    this.requiredUsage = requiredUsage;
    this.missingUsage = missingUsage;
  }

  public String requiredUsage() {
    return requiredUsage;
  }

  public RefusalReason missingUsage() {
    return missingUsage;
  }
}
