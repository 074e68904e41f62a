package io.fedgate.appliance.boot;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The frozen boot configuration of a node: what it needs before the config database is open.
 * Changing any of it takes a process restart. {@code xmppTlsProvider} is {@code auto}, {@code jdk}
 * or {@code openssl} (lower case) once validated.
 */
public record BootConfig(
    String nodeFqdn,
    List<String> localDomains,
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    Map<ListenerId, ListenerConfig> listeners,
    String logLevel,
    String xmppTlsProvider) {

  public BootConfig {
    localDomains = List.copyOf(localDomains);
    listeners = Collections.unmodifiableMap(new EnumMap<>(listeners));
  }

  public ListenerConfig listener(ListenerId id) {
    return listeners.get(id);
  }

  /** The JDBC URL to open: the configured one, or the H2 file database in the data directory. */
  public String effectiveDbUrl() {
    if (!dbUrl.isBlank()) {
      return dbUrl;
    }
    return "jdbc:h2:file:" + dataDir.resolve("db").resolve("fedgate").toAbsolutePath();
  }

  /** Never prints the database password. */
  @Override
  public String toString() {
    return "BootConfig[fqdn="
        + nodeFqdn
        + ", domains="
        + localDomains
        + ", dataDir="
        + dataDir
        + ", db="
        + effectiveDbUrl()
        + "]";
  }
}
