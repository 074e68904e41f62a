package io.fedgate.appliance.boot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The table of every boot-file key with its type and default (documented in config-reference). */
public final class BootKeys {
  public static final String NODE_FQDN = "node.fqdn";
  public static final String NODE_DOMAINS = "node.domains";
  public static final String DATA_DIR = "data.dir";
  public static final String DB_URL = "db.url";
  public static final String DB_USER = "db.user";
  public static final String DB_PASSWORD = "db.password";
  public static final String LOG_LEVEL = "log.level";
  public static final String XMPP_TLS_PROVIDER = "xmpp.tls-provider";

  public static final String DEFAULT_FQDN = "localhost";
  public static final String DEFAULT_DATA_DIR = "fedgate-data";
  public static final String DEFAULT_ADDRESS = "127.0.0.1";

  private static final Map<String, ConfigKey> KEYS = build();

  private BootKeys() {}

  public static List<ConfigKey> all() {
    return List.copyOf(KEYS.values());
  }

  public static Optional<ConfigKey> find(String key) {
    return Optional.ofNullable(KEYS.get(key));
  }

  private static Map<String, ConfigKey> build() {
    List<ConfigKey> keys = new ArrayList<>();
    keys.add(
        new ConfigKey(
            NODE_FQDN, "DNS name", DEFAULT_FQDN, "FQDN of this node; CN of its identities"));
    keys.add(
        new ConfigKey(
            NODE_DOMAINS,
            "list of DNS names",
            DEFAULT_FQDN,
            "local presence domain(s), comma-separated; the first is the default domain"));
    keys.add(
        new ConfigKey(
            DATA_DIR,
            "path",
            DEFAULT_DATA_DIR,
            "data directory (database, secrets, logs, run files); --data-dir overrides it"));
    keys.add(
        new ConfigKey(
            DB_URL,
            "JDBC URL",
            "(empty: H2 file in <data.dir>/db)",
            "config database; jdbc:h2:... or jdbc:postgresql://..."));
    keys.add(new ConfigKey(DB_USER, "string", "(empty)", "database user"));
    keys.add(new ConfigKey(DB_PASSWORD, "secret", "(empty)", "database password, never logged"));
    keys.add(
        new ConfigKey(
            LOG_LEVEL, "TRACE|DEBUG|INFO|WARN|ERROR", "INFO", "level of the io.fedgate loggers"));
    keys.add(
        new ConfigKey(
            XMPP_TLS_PROVIDER,
            "auto|jdk|openssl",
            "auto",
            "TLS of the XMPP C2S and S2S streams: BoringSSL (netty-tcnative) or the JDK"));
    for (ListenerId id : ListenerId.values()) {
      keys.add(new ConfigKey(id.key("address"), "IP or DNS name", DEFAULT_ADDRESS, id.purpose()));
      keys.add(
          new ConfigKey(
              id.key("port"),
              "0..65535",
              Integer.toString(id.defaultPort()),
              "port of the " + id.id() + " listener; 0 = any free port"));
      keys.add(
          new ConfigKey(
              id.key("enabled"),
              "boolean",
              Boolean.toString(id.enabledByDefault()),
              "whether the " + id.id() + " listener is opened"));
    }
    Map<String, ConfigKey> map = new LinkedHashMap<>();
    keys.forEach(k -> map.put(k.key(), k));
    return map;
  }
}
