package io.fedgate.certstore;

import java.util.Arrays;
import java.util.Optional;

/**
 * The certificate stores of a node, named and used as on Cisco IM&P (OS Administration > Security >
 * Certificate Management). Identity stores hold one or more private keys with their chains; trust
 * stores hold certificates only.
 */
public enum StoreName {
  /** SIP proxy identity: presented on the SIP federation TLS listeners and outgoing SIP TLS. */
  CUP("cup", true),
  /**
   * Roots, intermediates and pinned peer certificates trusted for SIP federation (Lync/SfB edges,
   * an ASA's self-signed certificate, an Expressway-C chain).
   */
  CUP_TRUST("cup-trust", false),
  /**
   * XMPP federation (S2S) identity; its SAN must cover the node FQDN and every local domain (IM&P's
   * cup-xmpp-s2s).
   */
  CUP_XMPP("cup-xmpp", true),
  /** Roots or self-signed certificates of XMPP federation partners. */
  CUP_XMPP_TRUST("cup-xmpp-trust", false),
  /** HTTPS identity of the admin web pages and REST API (IM&P's tomcat). */
  ADMIN("admin", true);

  private final String storeName;
  private final boolean identityStore;

  StoreName(String storeName, boolean identityStore) {
    this.storeName = storeName;
    this.identityStore = identityStore;
  }

  /** The name used in the database, the CLI and the admin pages, e.g. {@code cup-trust}. */
  public String storeName() {
    return storeName;
  }

  /** True for stores that hold private keys ({@code cup}, {@code cup-xmpp}, {@code admin}). */
  public boolean isIdentityStore() {
    return identityStore;
  }

  /**
   * The trust store that validates peers of this identity store and completes its chain: {@code cup
   * -> cup-trust}, {@code cup-xmpp -> cup-xmpp-trust}; none for {@code admin} and for trust stores.
   */
  public Optional<StoreName> trustStore() {
    return switch (this) {
      case CUP -> Optional.of(CUP_TRUST);
      case CUP_XMPP -> Optional.of(CUP_XMPP_TRUST);
      default -> Optional.empty();
    };
  }

  public static Optional<StoreName> fromStoreName(String name) {
    return Arrays.stream(values()).filter(s -> s.storeName.equalsIgnoreCase(name)).findFirst();
  }

  @Override
  public String toString() {
    return storeName;
  }
}
