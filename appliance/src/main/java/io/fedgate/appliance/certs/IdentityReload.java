package io.fedgate.appliance.certs;

import io.fedgate.certstore.StoreName;

/**
 * Puts a changed identity to work without a restart where the node can (the admin endpoint swaps
 * its TLS context for new connections).
 */
@FunctionalInterface
public interface IdentityReload {
  /** Never reloads: every change flags the services instead. */
  IdentityReload NONE = store -> false;

  /**
   * @return true when the listeners of {@code store} now present its current identity; false when
   *     they need a restart of their service
   */
  boolean reload(StoreName store);
}
