package io.fedgate.appliance.service;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The node's named services, as on IM&P's Control Center, with what each needs running first.
 * Restarting a service restarts the running services that depend on it (restarting the XCP Router
 * restarts the XMPP services, as on IM&P).
 */
public enum ServiceName {
  XCP_ROUTER("XCP Router"),
  PRESENCE_ENGINE("Presence Engine", XCP_ROUTER),
  XMPP_CONNECTION_MANAGER("XMPP Connection Manager", XCP_ROUTER, PRESENCE_ENGINE),
  XMPP_FEDERATION_CONNECTION_MANAGER("XMPP Federation Connection Manager", XCP_ROUTER),
  SIP_PROXY("SIP Proxy", XCP_ROUTER),
  TLS_PROXY("TLS Proxy"),
  ADMIN_WEB("Admin Web");

  private final String displayName;
  private final Set<ServiceName> dependencies;

  ServiceName(String displayName, ServiceName... dependencies) {
    this.displayName = displayName;
    this.dependencies = Set.of(dependencies);
  }

  public String displayName() {
    return displayName;
  }

  /** Direct dependencies. */
  public Set<ServiceName> dependencies() {
    return dependencies;
  }

  /**
   * Finds a service by its display name, case-insensitive, with or without IM&P's "Cisco " prefix
   * ("xcp router", "Cisco XCP Router").
   */
  public static Optional<ServiceName> parse(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (wanted.startsWith("cisco ")) {
      wanted = wanted.substring("cisco ".length());
    }
    for (ServiceName service : values()) {
      if (service.displayName.toLowerCase(Locale.ROOT).equals(wanted)
          || service.name().toLowerCase(Locale.ROOT).equals(wanted)) {
        return Optional.of(service);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return displayName;
  }
}
