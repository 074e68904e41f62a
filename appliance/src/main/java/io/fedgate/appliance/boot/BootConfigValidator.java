package io.fedgate.appliance.boot;

import io.fedgate.core.config.ConfigProblem;
import io.fedgate.core.net.HostSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Semantic checks of a {@link BootConfig}: names, paths, database URL, listener clashes. */
final class BootConfigValidator {
  private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
  private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0");

  private static final List<String> TLS_PROVIDERS = List.of("auto", "jdk", "openssl");

  private final List<ConfigProblem> problems;

  BootConfigValidator(List<ConfigProblem> problems) {
    this.problems = problems;
  }

  void validate(BootConfig config) {
    if (!HostSyntax.isDnsName(config.nodeFqdn())) {
      problem(BootKeys.NODE_FQDN, "'" + config.nodeFqdn() + "' is not a DNS name");
    }
    Set<String> seen = new HashSet<>();
    for (String domain : config.localDomains()) {
      if (!HostSyntax.isDnsName(domain) && !domain.equals(config.nodeFqdn())) {
        problem(BootKeys.NODE_DOMAINS, "'" + domain + "' is not a DNS name");
      } else if (!seen.add(domain)) {
        problem(BootKeys.NODE_DOMAINS, "'" + domain + "' is listed twice");
      }
    }
    checkDataDir(config.dataDir());
    String url = config.dbUrl();
    if (!url.isBlank() && !url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
      problem(BootKeys.DB_URL, "only jdbc:h2: and jdbc:postgresql: URLs are supported");
    }
    if (!LEVELS.contains(config.logLevel())) {
      problem(BootKeys.LOG_LEVEL, "'" + config.logLevel() + "' is not one of " + LEVELS);
    }
    if (!TLS_PROVIDERS.contains(config.xmppTlsProvider())) {
      problem(
          BootKeys.XMPP_TLS_PROVIDER,
          "'" + config.xmppTlsProvider() + "' is not one of " + TLS_PROVIDERS);
    }
    checkListeners(config);
  }

  private void checkDataDir(Path dir) {
    Path absolute = dir.toAbsolutePath();
    if (Files.exists(absolute)) {
      if (!Files.isDirectory(absolute)) {
        problem(BootKeys.DATA_DIR, absolute + " exists and is not a directory");
      } else if (!Files.isReadable(absolute) || !Files.isWritable(absolute)) {
        problem(BootKeys.DATA_DIR, absolute + " is not readable and writable");
      }
      return;
    }
    Path parent = absolute.getParent();
    while (parent != null && !Files.exists(parent)) {
      parent = parent.getParent();
    }
    if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
      problem(BootKeys.DATA_DIR, "cannot create " + absolute + " (" + parent + " is not writable)");
    }
  }

  private void checkListeners(BootConfig config) {
    List<ListenerConfig> enabled =
        config.listeners().values().stream().filter(ListenerConfig::enabled).toList();
    for (ListenerConfig listener : config.listeners().values()) {
      if (!HostSyntax.isHost(listener.address())) {
        problem(listener.id().key("address"), "'" + listener.address() + "' is not an address");
      }
    }
    for (int i = 0; i < enabled.size(); i++) {
      for (int j = i + 1; j < enabled.size(); j++) {
        ListenerConfig a = enabled.get(i);
        ListenerConfig b = enabled.get(j);
        if (a.port() != 0 && a.port() == b.port() && overlap(a.address(), b.address())) {
          problem(
              b.id().key("port"), "port " + b.port() + " is already used by " + a.id().key("port"));
        }
      }
    }
  }

  private static boolean overlap(String a, String b) {
    return a.equalsIgnoreCase(b) || WILDCARDS.contains(a) || WILDCARDS.contains(b);
  }

  private void problem(String field, String message) {
    problems.add(new ConfigProblem(field, message));
  }
}
