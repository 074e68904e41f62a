package io.fedgate.tlsproxy.asa;

import io.fedgate.tlsproxy.acl.AccessList;
import io.fedgate.tlsproxy.acl.AclEntry;
import io.fedgate.tlsproxy.config.Direction;
import io.fedgate.tlsproxy.config.PatMapping;
import io.fedgate.tlsproxy.config.ProxyConfig;
import io.fedgate.tlsproxy.config.ProxyInstance;
import io.fedgate.tlsproxy.config.TrustPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the ASA 8.3+ configuration equivalent to a proxy config: {@code crypto ca trustpoint},
 * {@code object network} with static PAT, {@code access-list}, {@code tls-proxy}, {@code
 * class-map}, {@code policy-map} and {@code service-policy}. What the ASA has no command for (the
 * peer subjects, trust lists, the upstream name, the JDK suite list, an outbound instance's
 * listen/target) is kept in {@code ! fedgate ...} comment lines, which an ASA ignores and {@link
 * AsaImporter} reads back.
 */
public final class AsaExporter {
  static final String SIP_MAP = "fedgate_sip";

  private AsaExporter() {}

  public static String export(ProxyConfig config) {
    List<String> out = new ArrayList<>();
    out.add("! tls-proxy configuration exported by fedgate (ASA 8.3+ syntax)");
    for (TrustPoint point : config.trustPoints()) {
      trustPoint(point, out);
    }
    for (PatMapping mapping : config.patMappings()) {
      out.add("object network " + objectName(mapping));
      out.add(" host " + mapping.inside().address());
      out.add(
          " nat (inside,outside) static "
              + mapping.outside().address()
              + " service tcp "
              + mapping.inside().port()
              + " "
              + mapping.outside().port());
      mapping
          .instance()
          .ifPresent(i -> out.add("! fedgate pat " + mapping.inside() + " tls-proxy " + i));
    }
    for (AccessList list : config.accessLists()) {
      for (AclEntry entry : list.entries()) {
        entry
            .partnerDomain()
            .ifPresent(
                d -> out.add("access-list " + list.name() + " remark fedgate partner-domain " + d));
        out.add("access-list " + list.name() + " extended " + AsaFormat.aclEntry(entry));
      }
    }
    for (ProxyInstance instance : config.instances()) {
      instance(instance, out);
    }
    out.add("policy-map type inspect sip " + SIP_MAP);
    out.add(" parameters");
    out.add("policy-map global_policy");
    for (ProxyInstance instance : config.instances()) {
      out.add(" class " + className(instance));
      out.add("  inspect sip " + SIP_MAP + " tls-proxy " + instance.name());
    }
    out.add("service-policy global_policy global");
    return String.join("\n", out) + "\n";
  }

  private static void trustPoint(TrustPoint point, List<String> out) {
    point.keypair().ifPresent(k -> out.add("crypto key generate rsa label " + k + " modulus 2048"));
    out.add("crypto ca trustpoint " + point.name());
    out.add(" enrollment " + point.enrollment().name().toLowerCase(java.util.Locale.ROOT));
    out.add(" fqdn " + (point.fqdn().isEmpty() ? "none" : point.fqdn()));
    if (!point.subjectName().isEmpty()) {
      out.add(" subject-name " + point.subjectName());
    }
    point.keypair().ifPresent(k -> out.add(" keypair " + k));
  }

  private static void instance(ProxyInstance instance, List<String> out) {
    String name = instance.name();
    out.add("tls-proxy " + name);
    out.add(" server trust-point " + instance.serverTrustPoint());
    out.add(" client trust-point " + instance.clientTrustPoint());
    Map<String, String> byJdk =
        AsaFormat.CIPHERS.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
    List<String> asaNames =
        instance.cipherSuites().stream().filter(byJdk::containsKey).map(byJdk::get).toList();
    if (!asaNames.isEmpty()) {
      out.add(" client cipher-suite " + String.join(" ", asaNames));
    }
    String note = "! fedgate " + name + " ";
    out.add(note + "direction " + instance.direction().name().toLowerCase(java.util.Locale.ROOT));
    out.add(note + "server-trust " + String.join(" ", instance.serverTrust()));
    if (!instance.peerSubjects().isEmpty()) {
      out.add(note + "peer-subjects " + String.join(" ", instance.peerSubjects()));
    }
    out.add(note + "client-trust " + String.join(" ", instance.clientTrust()));
    out.add(note + "upstream-name " + instance.upstreamName());
    out.add(note + "cipher-suites " + String.join(" ", instance.cipherSuites()));
    out.add(note + "protocols " + String.join(" ", instance.protocols()));
    if (instance.direction() == Direction.OUTBOUND) {
      instance.listen().ifPresent(l -> out.add(note + "listen " + l));
      instance.target().ifPresent(t -> out.add(note + "target " + t));
    }
    ProxyInstance.Limits limits = instance.limits();
    out.add(
        note
            + "limits "
            + limits.handshakeTimeout().toMillis()
            + " "
            + limits.idleTimeout().toMillis()
            + " "
            + limits.maxSipMessageBytes());
    out.add(note + "sip-inspection " + (instance.sipInspection() ? "on" : "off"));
    out.add("class-map " + className(instance));
    out.add(" match access-list " + instance.accessList());
  }

  static String className(ProxyInstance instance) {
    return instance.name() + "_class";
  }

  static String objectName(PatMapping mapping) {
    return "pat_" + mapping.inside().address().replace(':', '_') + "_" + mapping.inside().port();
  }
}
