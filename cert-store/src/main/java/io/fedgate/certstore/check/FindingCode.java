package io.fedgate.certstore.check;

/** Stable codes of pre-flight findings; add, never rename. */
public enum FindingCode {
  /** No DNS SAN covers the node FQDN. */
  SAN_MISSING_NODE_FQDN,
  /** The cup-xmpp identity names no local domain (DNS-ID, SRV-ID or XmppAddr) for one domain. */
  SAN_MISSING_LOCAL_DOMAIN,
  /** The EKU extension does not name serverAuth. */
  MISSING_SERVER_AUTH_EKU,
  /** The EKU extension does not name clientAuth (federation peers reject it as a client). */
  MISSING_CLIENT_AUTH_EKU,
  /** RSA below 2048 bits, EC below 256 bits, or another algorithm. */
  WEAK_KEY,
  /** A certificate of the chain is not valid yet. */
  NOT_YET_VALID,
  /** A certificate of the chain has expired. */
  EXPIRED,
  /** A certificate of the chain expires within 30 days. */
  EXPIRING_SOON,
  /** An issuer is neither in the chain nor in the matching trust store. */
  INCOMPLETE_CHAIN,
  /** A certificate of the chain is not signed by its issuer's key. */
  BROKEN_CHAIN,
  /** The chain ends in a root that the matching trust store does not hold. */
  ROOT_NOT_IN_TRUST_STORE,
  /** The identity is self-signed: every partner must import it into its trust store. */
  SELF_SIGNED
}
