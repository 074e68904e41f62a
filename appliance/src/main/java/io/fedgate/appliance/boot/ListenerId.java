package io.fedgate.appliance.boot;

/**
 * Every network listener the node can open, with its IM&P default port. The key prefix in the boot
 * file is {@code listener.<id>.}; port 0 asks the OS for any free port.
 */
public enum ListenerId {
  ADMIN("admin", 8443, true, "admin HTTPS: admin pages, REST API, CLI endpoint, health, metrics"),
  SIP_PEER_AUTH("sip-peer-auth", 5061, true, "SIP TLS, peer auth (mutual TLS) for federation"),
  SIP_SERVER_AUTH("sip-server-auth", 5062, true, "SIP TLS, server auth"),
  SIP_TCP("sip-tcp", 5060, false, "SIP TCP, only for OCS domains that need it"),
  XMPP_C2S("xmpp-c2s", 5222, true, "XMPP client connections (STARTTLS)"),
  XMPP_C2S_DIRECT_TLS("xmpp-c2s-direct-tls", 5223, true, "XMPP client connections, direct TLS"),
  XMPP_S2S("xmpp-s2s", 5269, true, "XMPP server-to-server (STARTTLS)"),
  XMPP_S2S_DIRECT_TLS("xmpp-s2s-direct-tls", 5270, true, "XMPP server-to-server, direct TLS"),
  TLS_PROXY_OUTSIDE("tls-proxy-outside", 15061, false, "TLS proxy outside interface");

  private final String id;
  private final int defaultPort;
  private final boolean enabledByDefault;
  private final String purpose;

  ListenerId(String id, int defaultPort, boolean enabledByDefault, String purpose) {
    this.id = id;
    this.defaultPort = defaultPort;
    this.enabledByDefault = enabledByDefault;
    this.purpose = purpose;
  }

  public String id() {
    return id;
  }

  public int defaultPort() {
    return defaultPort;
  }

  public boolean enabledByDefault() {
    return enabledByDefault;
  }

  public String purpose() {
    return purpose;
  }

  public String key(String field) {
    return "listener." + id + "." + field;
  }
}
