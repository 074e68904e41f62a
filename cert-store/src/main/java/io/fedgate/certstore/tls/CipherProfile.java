package io.fedgate.certstore.tls;

import java.util.List;

/**
 * Named cipher suite selections of a TLS context (IM&P's "TLS Cipher Mapping"). Suites the JDK does
 * not support or has disabled are dropped when an {@link javax.net.ssl.SSLContext} is built.
 */
public enum CipherProfile {
  /** TLS 1.3 suites and ECDHE with AEAD only: forward secrecy, for XMPP and modern SIP peers. */
  MODERN(
      List.of(
          "TLS_AES_256_GCM_SHA384",
          "TLS_AES_128_GCM_SHA256",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")),
  /**
   * For Lync / Skype for Business / OCS edges, which cannot negotiate with EC-only selections: the
   * ECDHE-RSA suites first, then non-EC DHE-RSA and plain RSA suites (AES-GCM and AES-CBC). 3DES,
   * which OCS 2007 wanted, is disabled by the JDK and not offered.
   */
  LYNC_COMPATIBLE(
      List.of(
          "TLS_AES_256_GCM_SHA384",
          "TLS_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
          "TLS_RSA_WITH_AES_256_CBC_SHA256",
          "TLS_RSA_WITH_AES_128_CBC_SHA256",
          "TLS_RSA_WITH_AES_256_CBC_SHA",
          "TLS_RSA_WITH_AES_128_CBC_SHA")),
  /** The context's own list of suites. */
  CUSTOM(List.of());

  private final List<String> suites;

  CipherProfile(List<String> suites) {
    this.suites = suites;
  }

  /** The suites of the profile, in preference order; empty for CUSTOM. */
  public List<String> suites() {
    return suites;
  }
}
