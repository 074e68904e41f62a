package io.fedgate.tlsproxy.runner;

import io.fedgate.core.config.ConfigProblem;
import io.fedgate.tlsproxy.acl.AccessList;
import io.fedgate.tlsproxy.acl.AclEntry;
import io.fedgate.tlsproxy.config.Direction;
import io.fedgate.tlsproxy.config.Endpoint;
import io.fedgate.tlsproxy.config.PatMapping;
import io.fedgate.tlsproxy.config.ProxyConfig;
import io.fedgate.tlsproxy.config.ProxyConfigValidator;
import io.fedgate.tlsproxy.config.ProxyInstance;
import io.fedgate.tlsproxy.config.TrustPoint;
import io.fedgate.tlsproxy.config.TrustPointStore;
import io.fedgate.tlsproxy.netty.TlsProvider;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The standalone proxy's config file (Java properties; keys in docs/config-reference.md, section
 * "TLS proxy config file"): {@code trustpoint.<name>.*}, {@code instance.<name>.*}, {@code
 * acl.<name>.<n>} and {@code pat.<n>}. Reading returns the config with every problem found, the
 * validator's included; relative file names are resolved against the config file's folder.
 */
public final class ProxyConfigFile {
  /** The config, the trust point files and every problem (empty = ready to start). */
  public record Loaded(
      ProxyConfig config,
      TrustPointStore trustPoints,
      int threads,
      TlsProvider tlsProvider,
      List<ConfigProblem> problems) {}

  private static final Set<String> TRUSTPOINT_KEYS =
      Set.of("certificate", "key", "enrollment", "fqdn", "subject-name", "keypair");
  private static final Set<String> INSTANCE_KEYS =
      Set.of(
          "direction",
          "server-trust-point",
          "server-trust",
          "peer-subjects",
          "client-trust-point",
          "client-trust",
          "upstream-name",
          "cipher-suites",
          "protocols",
          "access-list",
          "listen",
          "target",
          "sip-inspection",
          "handshake-timeout",
          "idle-timeout",
          "max-sip-message");

  private final Properties properties;
  private final Path folder;
  private final List<ConfigProblem> problems = new ArrayList<>();

  private ProxyConfigFile(Properties properties, Path folder) {
    this.properties = properties;
    this.folder = folder;
  }

  public static Loaded read(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Path folder = file.toAbsolutePath().getParent();
    return new ProxyConfigFile(properties, folder).load();
  }

  /** From properties already loaded (tests); files resolve against {@code folder}. */
  public static Loaded read(Properties properties, Path folder) {
    return new ProxyConfigFile(properties, folder).load();
  }

  private Loaded load() {
    Map<String, Map<String, String>> trust = groups("trustpoint.", TRUSTPOINT_KEYS);
    Map<String, Map<String, String>> instances = groups("instance.", INSTANCE_KEYS);
    Map<String, Map<String, String>> acls = new TreeMap<>();
    Map<Integer, String> pat = new TreeMap<>();
    int threads = 2;
    TlsProvider provider = TlsProvider.AUTO;
    for (String key : properties.stringPropertyNames()) {
      String value = properties.getProperty(key).strip();
      if (key.startsWith("acl.") && key.chars().filter(c -> c == '.').count() == 2) {
        String[] parts = key.split("\\.");
        acls.computeIfAbsent(parts[1], k -> new TreeMap<>()).put(parts[2], value);
      } else if (key.startsWith("pat.")) {
        Integer n = number(key.substring(4), key);
        if (n != null) {
          pat.put(n, value);
        }
      } else if (key.equals("proxy.threads")) {
        Integer n = number(value, key);
        threads = n == null || n < 1 || n > 64 ? 2 : n;
        if (n == null || n < 1 || n > 64) {
          problems.add(new ConfigProblem(key, "1..64"));
        }
      } else if (key.equals("proxy.tls-provider")) {
        var parsed = TlsProvider.parse(value);
        if (parsed.isPresent()) {
          provider = parsed.get();
        } else {
          problems.add(new ConfigProblem(key, "auto, jdk or openssl"));
        }
      } else if (!key.startsWith("trustpoint.") && !key.startsWith("instance.")) {
        problems.add(new ConfigProblem(key, "unknown key"));
      }
    }
    Map<String, PemTrustPoints.PemFiles> files = new LinkedHashMap<>();
    List<TrustPoint> points = new ArrayList<>();
    trust.forEach((name, fields) -> points.add(trustPoint(name, fields, files)));
    List<ProxyInstance> built = new ArrayList<>();
    instances.forEach((name, fields) -> built.add(instance(name, fields)));
    List<AccessList> lists = new ArrayList<>();
    acls.forEach((name, lines) -> lists.add(accessList(name, lines)));
    List<PatMapping> mappings = new ArrayList<>();
    pat.forEach((n, value) -> mapping("pat." + n, value).ifPresent(mappings::add));
    ProxyConfig config = new ProxyConfig(points, built, lists, mappings);
    if (problems.isEmpty()) {
      problems.addAll(ProxyConfigValidator.validate(config));
    }
    return new Loaded(config, new PemTrustPoints(files), threads, provider, List.copyOf(problems));
  }

  private Map<String, Map<String, String>> groups(String prefix, Set<String> keys) {
    Map<String, Map<String, String>> groups = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (!key.startsWith(prefix)) {
        continue;
      }
      String rest = key.substring(prefix.length());
      int dot = rest.lastIndexOf('.');
      if (dot <= 0 || !keys.contains(rest.substring(dot + 1))) {
        problems.add(new ConfigProblem(key, "unknown key; known: " + new TreeSet<>(keys)));
        continue;
      }
      groups
          .computeIfAbsent(rest.substring(0, dot), k -> new TreeMap<>())
          .put(rest.substring(dot + 1), properties.getProperty(key).strip());
    }
    return groups;
  }

  private TrustPoint trustPoint(
      String name, Map<String, String> f, Map<String, PemTrustPoints.PemFiles> files) {
    String prefix = "trustpoint." + name + ".";
    TrustPoint.Enrollment enrollment = TrustPoint.Enrollment.TERMINAL;
    String text = f.getOrDefault("enrollment", "terminal").toUpperCase(Locale.ROOT);
    if (text.equals("SELF") || text.equals("TERMINAL")) {
      enrollment = TrustPoint.Enrollment.valueOf(text);
    } else {
      problems.add(new ConfigProblem(prefix + "enrollment", "self or terminal"));
    }
    if (!f.containsKey("certificate")) {
      problems.add(new ConfigProblem(prefix + "certificate", "required: a PEM file"));
    } else {
      Path certificate = folder.resolve(f.get("certificate"));
      Path key = f.containsKey("key") ? folder.resolve(f.get("key")) : null;
      for (Path p : key == null ? List.of(certificate) : List.of(certificate, key)) {
        if (!Files.isReadable(p)) {
          String field = p.equals(certificate) ? "certificate" : "key";
          problems.add(new ConfigProblem(prefix + field, "cannot read " + p));
        }
      }
      files.put(name, new PemTrustPoints.PemFiles(certificate, key));
    }
    Optional<String> keypair =
        f.containsKey("key")
            ? Optional.of(f.getOrDefault("keypair", name + "_key"))
            : Optional.empty();
    return new TrustPoint(
        name, enrollment, f.getOrDefault("fqdn", ""), f.getOrDefault("subject-name", ""), keypair);
  }

  private ProxyInstance instance(String name, Map<String, String> f) {
    String prefix = "instance." + name + ".";
    Direction direction = Direction.INBOUND;
    try {
      direction = Direction.valueOf(f.getOrDefault("direction", "").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(new ConfigProblem(prefix + "direction", "inbound or outbound"));
    }
    ProxyInstance.Builder b =
        ProxyInstance.builder(name, direction)
            .server(
                f.get("server-trust-point"),
                list(f.get("server-trust")),
                list(f.get("peer-subjects")))
            .client(
                f.get("client-trust-point"), list(f.get("client-trust")), f.get("upstream-name"))
            .accessList(f.get("access-list"))
            .sipInspection(!"false".equalsIgnoreCase(f.getOrDefault("sip-inspection", "true")));
    if (f.containsKey("cipher-suites")) {
      b.cipherSuites(list(f.get("cipher-suites")));
    }
    if (f.containsKey("protocols")) {
      b.protocols(list(f.get("protocols")));
    }
    for (String key : List.of("listen", "target")) {
      if (f.containsKey(key)) {
        Optional<Endpoint> endpoint = Endpoint.parse(f.get(key));
        if (endpoint.isEmpty()) {
          problems.add(new ConfigProblem(prefix + key, "ADDRESS:PORT"));
        } else if (key.equals("listen")) {
          b.listen(endpoint.get());
        } else {
          b.target(endpoint.get());
        }
      }
    }
    ProxyInstance.Limits d = ProxyInstance.Limits.DEFAULTS;
    Integer handshake = number(f.get("handshake-timeout"), prefix + "handshake-timeout");
    Integer idle = number(f.get("idle-timeout"), prefix + "idle-timeout");
    Integer max = number(f.get("max-sip-message"), prefix + "max-sip-message");
    b.limits(
        new ProxyInstance.Limits(
            handshake == null ? d.handshakeTimeout() : Duration.ofMillis(handshake),
            idle == null ? d.idleTimeout() : Duration.ofMillis(idle),
            max == null ? d.maxSipMessageBytes() : max));
    return b.build();
  }

  private AccessList accessList(String name, Map<String, String> lines) {
    List<Map.Entry<Integer, String>> ordered = new ArrayList<>();
    lines.forEach(
        (n, text) -> {
          Integer line = number(n, "acl." + name + "." + n);
          if (line != null) {
            ordered.add(Map.entry(line, text));
          }
        });
    ordered.sort(Map.Entry.comparingByKey());
    List<AclEntry> entries = new ArrayList<>();
    for (Map.Entry<Integer, String> line : ordered) {
      Optional<AclEntry> entry = AclLine.parse(line.getValue());
      if (entry.isEmpty()) {
        problems.add(
            new ConfigProblem(
                "acl." + name + "." + line.getKey(),
                "expected permit|deny tcp SRC [eq P] DST [eq P] [domain D]"));
      } else {
        entries.add(entry.get());
      }
    }
    return new AccessList(name, entries);
  }

  private Optional<PatMapping> mapping(String field, String value) {
    String[] w = value.split("\\s+");
    Optional<Endpoint> inside = w.length >= 2 ? Endpoint.parse(w[0]) : Optional.empty();
    Optional<Endpoint> outside = w.length >= 2 ? Endpoint.parse(w[1]) : Optional.empty();
    if (inside.isEmpty() || outside.isEmpty() || w.length > 3) {
      problems.add(new ConfigProblem(field, "INSIDE:PORT PUBLIC:PORT [INSTANCE]"));
      return Optional.empty();
    }
    return Optional.of(
        new PatMapping(
            inside.get(), outside.get(), w.length == 3 ? Optional.of(w[2]) : Optional.empty()));
  }

  private Integer number(String text, String field) {
    if (text == null) {
      return null;
    }
    if (!text.matches("\\d{1,9}")) {
      problems.add(new ConfigProblem(field, "a number, not '" + text + "'"));
      return null;
    }
    return Integer.parseInt(text);
  }

  private static List<String> list(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
  }
}
