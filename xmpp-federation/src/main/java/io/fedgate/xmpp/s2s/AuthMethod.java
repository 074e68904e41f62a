package io.fedgate.xmpp.s2s;

/** How a domain was authenticated on an S2S stream. */
public enum AuthMethod {
  /** XEP-0178: SASL EXTERNAL on a certificate validated for the domain. */
  SASL_EXTERNAL,
  /** XEP-0220: Server Dialback verified with the authoritative server. */
  DIALBACK,
  /** Not (yet) authenticated, e.g. an admission check before connecting. */
  NONE
}
