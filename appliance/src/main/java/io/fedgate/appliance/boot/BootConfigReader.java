package io.fedgate.appliance.boot;

import io.fedgate.core.config.ConfigProblem;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.configuration2.Configuration;

/** Turns raw key/values into a {@link BootConfig}, recording type errors as problems. */
final class BootConfigReader {
  private final Configuration source;
  private final List<ConfigProblem> problems;

  BootConfigReader(Configuration source, List<ConfigProblem> problems) {
    this.source = source;
    this.problems = problems;
  }

  BootConfig read(Optional<Path> dataDirOverride) {
    String fqdn = string(BootKeys.NODE_FQDN, BootKeys.DEFAULT_FQDN);
    List<String> domains = list(BootKeys.NODE_DOMAINS, fqdn);
    Path dataDir = dataDirOverride.orElseGet(() -> path(BootKeys.DATA_DIR));
    Map<ListenerId, ListenerConfig> listeners = new EnumMap<>(ListenerId.class);
    for (ListenerId id : ListenerId.values()) {
      listeners.put(
          id,
          new ListenerConfig(
              id,
              string(id.key("address"), BootKeys.DEFAULT_ADDRESS),
              port(id.key("port"), id.defaultPort()),
              bool(id.key("enabled"), id.enabledByDefault())));
    }
    return new BootConfig(
        fqdn.toLowerCase(),
        domains.stream().map(String::toLowerCase).toList(),
        dataDir,
        string(BootKeys.DB_URL, ""),
        string(BootKeys.DB_USER, ""),
        string(BootKeys.DB_PASSWORD, ""),
        listeners,
        string(BootKeys.LOG_LEVEL, "INFO").toUpperCase(),
        string(BootKeys.XMPP_TLS_PROVIDER, "auto").toLowerCase());
  }

  private String string(String key, String fallback) {
    String value = source.getString(key);
    return value == null ? fallback : value.trim();
  }

  private List<String> list(String key, String fallback) {
    List<String> raw = source.getList(String.class, key, List.of());
    List<String> values = new ArrayList<>();
    for (String item : raw) {
      for (String part : item.split(",")) {
        if (!part.isBlank()) {
          values.add(part.trim());
        }
      }
    }
    if (values.isEmpty() && !raw.isEmpty()) {
      problems.add(new ConfigProblem(key, "must name at least one domain"));
    }
    return values.isEmpty() ? List.of(fallback) : values;
  }

  private Path path(String key) {
    String value = string(key, BootKeys.DEFAULT_DATA_DIR);
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      problems.add(new ConfigProblem(key, "not a valid path: " + value));
      return Path.of(BootKeys.DEFAULT_DATA_DIR);
    }
  }

  private int port(String key, int fallback) {
    String value = source.getString(key);
    if (value == null) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(new ConfigProblem(key, "'" + value + "' is not a port (0..65535, 0 = any free)"));
    return fallback;
  }

  private boolean bool(String key, boolean fallback) {
    String value = source.getString(key);
    if (value == null) {
      return fallback;
    }
    return switch (value.trim().toLowerCase()) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        problems.add(new ConfigProblem(key, "'" + value + "' is not true or false"));
        yield fallback;
      }
    };
  }
}
