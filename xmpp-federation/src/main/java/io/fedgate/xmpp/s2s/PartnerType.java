package io.fedgate.xmpp.s2s;

/**
 * The Lync {@code -PartnerType} of an XMPP partner. The subscription rules that follow from it are
 * the appliance's (presence): this module only carries the value.
 */
public enum PartnerType {
  /** A trusted partner: presence subscriptions flow both ways without extra consent. */
  FEDERATED,
  /** A public provider whose users are verified: subscriptions need the local user's consent. */
  PUBLIC_VERIFIED,
  /** A public provider whose users are not verified: the strictest subscription rules. */
  PUBLIC_UNVERIFIED
}
