package io.fedgate.appliance.config;

import io.fedgate.appliance.service.ServiceName;
import java.util.Set;

/**
 * The kinds of runtime configuration object, with the services that use them and whether those
 * services take a change live or need a restart (IM&P's "restart required" notifications).
 */
public enum ConfigObject {
  STATIC_ROUTES("static-routes", true, ServiceName.SIP_PROXY),
  INCOMING_ACL("incoming-acl", false, ServiceName.SIP_PROXY),
  SIP_FEDERATED_DOMAINS("sip-federated-domains", false, ServiceName.XCP_ROUTER),
  XMPP_POLICY("xmpp-policy", false, ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER),
  SIP_POLICY("sip-policy", false, ServiceName.SIP_PROXY),
  LOCAL_USERS("local-users", true, ServiceName.XMPP_CONNECTION_MANAGER),
  XMPP_FEDERATION_SETTINGS(
      "xmpp-federation-settings", false, ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER),
  XMPP_DNS_OVERRIDES("xmpp-dns-overrides", false, ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER),
  XMPP_PARTNERS("xmpp-partners", false, ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER);

  private final String key;
  private final boolean live;
  private final Set<ServiceName> affects;

  ConfigObject(String key, boolean live, ServiceName... affects) {
    this.key = key;
    this.live = live;
    this.affects = Set.of(affects);
  }

  /** The object type in the audit log and the key services receive in {@code applyLive}. */
  public String key() {
    return key;
  }

  public boolean live() {
    return live;
  }

  public Set<ServiceName> affects() {
    return affects;
  }
}
