package io.fedgate.tlsproxy.asa;

import io.fedgate.acl.net.IpAddress;
import io.fedgate.acl.net.IpRange;
import io.fedgate.tlsproxy.acl.AccessList;
import io.fedgate.tlsproxy.acl.AclEntry;
import io.fedgate.tlsproxy.acl.AddressMatch;
import io.fedgate.tlsproxy.config.Direction;
import io.fedgate.tlsproxy.config.Endpoint;
import io.fedgate.tlsproxy.config.PatMapping;
import io.fedgate.tlsproxy.config.ProxyConfig;
import io.fedgate.tlsproxy.config.ProxyInstance;
import io.fedgate.tlsproxy.config.TrustPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads an ASA configuration snippet of the shape {@link AsaExporter} writes (trust points, object
 * NAT, access lists, tls-proxy, class-map, policy-map) into a proxy config. Every line it does not
 * understand is refused with its number; then there is no config. Semantic gaps (a missing upstream
 * name, an unbound instance) are left to {@link io.fedgate.tlsproxy.config.ProxyConfigValidator}.
 */
public final class AsaImporter {
  private enum Block {
    NONE,
    TRUSTPOINT,
    OBJECT,
    TLS_PROXY,
    CLASS_MAP,
    SIP_MAP,
    POLICY_MAP
  }

  private final List<AsaImportError> errors = new ArrayList<>();
  private final Map<String, TrustPointDraft> trustPoints = new LinkedHashMap<>();
  private final Map<String, ObjectDraft> objects = new LinkedHashMap<>();
  private final Map<String, List<AclEntry>> acls = new LinkedHashMap<>();
  private final Map<String, String> pendingDomain = new LinkedHashMap<>();
  private final Map<String, ProxyInstance.Builder> instances = new LinkedHashMap<>();
  private final Map<String, Boolean> directionGiven = new LinkedHashMap<>();
  private final Map<String, String> classAcl = new LinkedHashMap<>();
  private final Map<String, String> instanceClass = new LinkedHashMap<>();
  private final Map<Endpoint, String> patBinding = new LinkedHashMap<>();
  private Block block = Block.NONE;
  private String current = "";
  private String policyClass = "";
  private int lineNo;
  private String line = "";

  private static final class TrustPointDraft {
    TrustPoint.Enrollment enrollment = TrustPoint.Enrollment.TERMINAL;
    String fqdn = "";
    String subject = "";
    String keypair;
  }

  private static final class ObjectDraft {
    String host;
    Endpoint inside;
    Endpoint outside;
  }

  private AsaImporter() {}

  public static AsaImportResult read(String text) {
    AsaImporter importer = new AsaImporter();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      importer.lineNo = i + 1;
      importer.line = lines[i];
      importer.parse(lines[i]);
    }
    if (!importer.errors.isEmpty()) {
      return new AsaImportResult(Optional.empty(), importer.errors);
    }
    return importer.build();
  }

  private void refuse(String message) {
    errors.add(new AsaImportError(lineNo, line, message));
  }

  private void parse(String raw) {
    if (raw.isBlank()) {
      return;
    }
    String text = raw.strip();
    String[] w = text.split("\\s+");
    if (text.startsWith("!")) {
      if (w.length >= 2 && w[0].equals("!") && w[1].equals("fedgate")) {
        annotation(Arrays.copyOfRange(w, 2, w.length));
      }
      return;
    }
    if (Character.isWhitespace(raw.charAt(0))) {
      subLine(w);
    } else {
      topLine(w);
    }
  }

  private void topLine(String[] w) {
    block = Block.NONE;
    String head = w[0].toLowerCase(Locale.ROOT);
    if (starts(w, "crypto", "key", "generate", "rsa", "label") && w.length >= 6) {
      return;
    } else if (starts(w, "crypto", "ca", "trustpoint") && w.length == 4) {
      open(Block.TRUSTPOINT, w[3]);
      trustPoints.put(w[3], new TrustPointDraft());
    } else if (starts(w, "object", "network") && w.length == 3) {
      open(Block.OBJECT, w[2]);
      objects.put(w[2], new ObjectDraft());
    } else if (head.equals("access-list") && w.length >= 3) {
      accessList(w);
    } else if (head.equals("tls-proxy") && w.length == 2) {
      open(Block.TLS_PROXY, w[1]);
      instances.put(w[1], ProxyInstance.builder(w[1], Direction.INBOUND));
    } else if (head.equals("class-map") && w.length == 2) {
      open(Block.CLASS_MAP, w[1]);
    } else if (starts(w, "policy-map", "type", "inspect", "sip") && w.length == 5) {
      open(Block.SIP_MAP, w[4]);
    } else if (head.equals("policy-map") && w.length == 2) {
      open(Block.POLICY_MAP, w[1]);
    } else if (head.equals("service-policy") && w.length == 3) {
      return;
    } else {
      refuse("not understood");
    }
  }

  private void open(Block kind, String name) {
    block = kind;
    current = name;
  }

  private void subLine(String[] w) {
    boolean ok =
        switch (block) {
          case TRUSTPOINT -> trustPointLine(w);
          case OBJECT -> objectLine(w);
          case TLS_PROXY -> tlsProxyLine(w);
          case CLASS_MAP -> classMapLine(w);
          case SIP_MAP -> w.length == 1 && w[0].equals("parameters");
          case POLICY_MAP -> policyLine(w);
          case NONE -> false;
        };
    if (!ok) {
      refuse(block == Block.NONE ? "an indented line outside any block" : "not understood");
    }
  }

  private boolean trustPointLine(String[] w) {
    TrustPointDraft draft = trustPoints.get(current);
    if (starts(w, "enrollment")
        && w.length == 2
        && (w[1].equals("self") || w[1].equals("terminal"))) {
      draft.enrollment = TrustPoint.Enrollment.valueOf(w[1].toUpperCase(Locale.ROOT));
    } else if (starts(w, "fqdn") && w.length == 2) {
      draft.fqdn = w[1].equals("none") ? "" : w[1];
    } else if (starts(w, "subject-name") && w.length >= 2) {
      draft.subject = String.join(" ", Arrays.copyOfRange(w, 1, w.length));
    } else if (starts(w, "keypair") && w.length == 2) {
      draft.keypair = w[1];
    } else {
      return starts(w, "client-types", "ssl") && w.length == 2;
    }
    return true;
  }

  private boolean objectLine(String[] w) {
    ObjectDraft draft = objects.get(current);
    if (starts(w, "host") && w.length == 2 && IpAddress.parse(w[1]).isPresent()) {
      draft.host = w[1];
      return true;
    }
    if (starts(w, "nat", "(inside,outside)", "static")
        && w.length == 8
        && w[4].equals("service")
        && w[5].equals("tcp")
        && draft.host != null) {
      OptionalInt real = port(w[6]);
      OptionalInt mapped = port(w[7]);
      if (real.isEmpty() || mapped.isEmpty() || IpAddress.parse(w[3]).isEmpty()) {
        return false;
      }
      draft.inside = new Endpoint(draft.host, real.getAsInt());
      draft.outside = new Endpoint(w[3], mapped.getAsInt());
      return true;
    }
    return false;
  }

  private boolean tlsProxyLine(String[] w) {
    ProxyInstance.Builder builder = instances.get(current);
    if (starts(w, "server", "trust-point") && w.length == 3) {
      builder.serverTrustPoint(w[2]);
    } else if (starts(w, "client", "trust-point") && w.length == 3) {
      builder.clientTrustPoint(w[2]);
    } else if (starts(w, "client", "cipher-suite") && w.length >= 3) {
      List<String> suites = new ArrayList<>();
      for (String name : Arrays.copyOfRange(w, 2, w.length)) {
        String jdk = AsaFormat.CIPHERS.get(name.toLowerCase(Locale.ROOT));
        if (jdk == null) {
          return false;
        }
        suites.add(jdk);
      }
      builder.cipherSuites(suites).protocols(List.of("TLSv1.2"));
    } else {
      return false;
    }
    return true;
  }

  private boolean classMapLine(String[] w) {
    if (starts(w, "match", "access-list") && w.length == 3) {
      classAcl.put(current, w[2]);
      return true;
    }
    return false;
  }

  private boolean policyLine(String[] w) {
    if (starts(w, "class") && w.length == 2) {
      policyClass = w[1];
      return true;
    }
    int tls = Arrays.asList(w).indexOf("tls-proxy");
    if (starts(w, "inspect", "sip") && tls >= 2 && tls == w.length - 2 && !policyClass.isEmpty()) {
      instanceClass.put(w[tls + 1], policyClass);
      return true;
    }
    return false;
  }

  private void accessList(String[] w) {
    String name = w[1];
    if (w[2].equals("remark")) {
      if (w.length == 6 && w[3].equals("fedgate") && w[4].equals("partner-domain")) {
        pendingDomain.put(name, w[5]);
      }
      return;
    }
    if (!w[2].equals("extended") || w.length < 6 || !w[4].equals("tcp")) {
      refuse("only extended tcp access-list entries are understood");
      return;
    }
    AclEntry.Action action;
    if (w[3].equals("permit")) {
      action = AclEntry.Action.PERMIT;
    } else if (w[3].equals("deny")) {
      action = AclEntry.Action.DENY;
    } else {
      refuse("permit or deny expected");
      return;
    }
    int[] at = {5};
    Optional<AddressMatch> source = address(w, at);
    OptionalInt sourcePort = eq(w, at);
    Optional<AddressMatch> destination = address(w, at);
    OptionalInt destinationPort = eq(w, at);
    if (source.isEmpty() || destination.isEmpty() || at[0] != w.length) {
      refuse("expected SRC [eq PORT] DST [eq PORT] with any, host A, A MASK or A/LEN");
      return;
    }
    acls.computeIfAbsent(name, k -> new ArrayList<>())
        .add(
            new AclEntry(
                action,
                source.get(),
                sourcePort,
                destination.get(),
                destinationPort,
                Optional.ofNullable(pendingDomain.remove(name))));
  }

  private Optional<AddressMatch> address(String[] w, int[] at) {
    if (at[0] >= w.length) {
      return Optional.empty();
    }
    String word = w[at[0]++];
    if (word.equals("any")) {
      return Optional.of(AddressMatch.ANY);
    }
    if (word.equals("host") && at[0] < w.length) {
      return IpAddress.parse(w[at[0]++])
          .map(ip -> AddressMatch.of(new IpRange(ip, ip.bitLength())));
    }
    if (word.contains("/")) {
      return AddressMatch.parse(word);
    }
    Optional<IpAddress> ip = IpAddress.parse(word);
    if (ip.isEmpty() || at[0] >= w.length) {
      return Optional.empty();
    }
    OptionalInt prefix = AsaFormat.prefix(w[at[0]++]);
    if (prefix.isEmpty()) {
      return Optional.empty();
    }
    IpRange range = new IpRange(ip.get(), prefix.getAsInt());
    return range.isNetworkAddress() ? Optional.of(AddressMatch.of(range)) : Optional.empty();
  }

  private static OptionalInt eq(String[] w, int[] at) {
    if (at[0] + 1 < w.length && w[at[0]].equals("eq")) {
      OptionalInt port = port(w[at[0] + 1]);
      if (port.isPresent()) {
        at[0] += 2;
      }
      return port;
    }
    return OptionalInt.empty();
  }

  private void annotation(String[] w) {
    if (w.length >= 4 && w[0].equals("pat") && w[2].equals("tls-proxy")) {
      Optional<Endpoint> inside = Endpoint.parse(w[1]);
      if (inside.isEmpty()) {
        refuse("fedgate pat annotation needs ADDRESS:PORT");
      } else {
        patBinding.put(inside.get(), w[3]);
      }
      return;
    }
    if (w.length < 2 || !instances.containsKey(w[0])) {
      refuse("fedgate annotation for an unknown tls-proxy instance");
      return;
    }
    ProxyInstance.Builder b = instances.get(w[0]);
    List<String> values = List.of(Arrays.copyOfRange(w, 2, w.length));
    boolean ok = InstanceAnnotations.apply(b, w[1], values);
    if (w[1].equals("direction") && ok) {
      directionGiven.put(w[0], true);
    }
    if (!ok) {
      refuse("fedgate annotation not understood");
    }
  }

  private AsaImportResult build() {
    List<TrustPoint> points = new ArrayList<>();
    trustPoints.forEach(
        (name, d) ->
            points.add(
                new TrustPoint(
                    name, d.enrollment, d.fqdn, d.subject, Optional.ofNullable(d.keypair))));
    List<AccessList> lists = new ArrayList<>();
    acls.forEach((name, entries) -> lists.add(new AccessList(name, entries)));
    instances.forEach(
        (name, builder) -> {
          String cls = instanceClass.get(name);
          builder.accessList(cls == null ? "" : classAcl.getOrDefault(cls, ""));
        });
    List<PatMapping> mappings = new ArrayList<>();
    for (ObjectDraft draft : objects.values()) {
      if (draft.inside == null) {
        continue;
      }
      Optional<String> bound =
          Optional.ofNullable(patBinding.get(draft.inside)).or(() -> derived(draft.inside));
      mappings.add(new PatMapping(draft.inside, draft.outside, bound));
    }
    List<ProxyInstance> built = new ArrayList<>();
    instances.forEach(
        (name, builder) -> {
          if (!directionGiven.containsKey(name)) {
            boolean bound = mappings.stream().anyMatch(m -> m.instance().equals(Optional.of(name)));
            builder.direction(bound ? Direction.INBOUND : Direction.OUTBOUND);
          }
          built.add(builder.build());
        });
    return new AsaImportResult(
        Optional.of(new ProxyConfig(points, built, lists, mappings)), List.of());
  }

  /** An instance whose access list permits exactly this real address and port. */
  private Optional<String> derived(Endpoint inside) {
    for (var instance : instances.entrySet()) {
      String cls = instanceClass.get(instance.getKey());
      List<AclEntry> entries = acls.getOrDefault(classAcl.getOrDefault(cls, ""), List.of());
      for (AclEntry entry : entries) {
        if (entry.action() == AclEntry.Action.PERMIT
            && entry.destination().isHost()
            && entry
                .destination()
                .range()
                .get()
                .address()
                .equals(IpAddress.parse(inside.address()).orElse(null))
            && entry.destinationPort().equals(OptionalInt.of(inside.port()))) {
          return Optional.of(instance.getKey());
        }
      }
    }
    return Optional.empty();
  }

  private static boolean starts(String[] w, String... words) {
    if (w.length < words.length) {
      return false;
    }
    for (int i = 0; i < words.length; i++) {
      if (!w[i].equalsIgnoreCase(words[i])) {
        return false;
      }
    }
    return true;
  }

  private static OptionalInt port(String text) {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
      return OptionalInt.empty();
    }
    int port = Integer.parseInt(text);
    return port >= 1 && port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
  }
}
