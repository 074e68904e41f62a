package io.fedgate.tlsproxy.config;

import io.fedgate.acl.net.IpAddress;
import io.fedgate.core.config.ConfigProblem;
import io.fedgate.core.net.HostSyntax;
import io.fedgate.tlsproxy.acl.AccessList;
import io.fedgate.tlsproxy.acl.AclEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link ProxyConfig} and returns every problem at once, each naming the field as the
 * standalone config file spells it ({@code instance.<name>.server-trust-point}, {@code pat.<n>},
 * {@code acl.<name>.<line>}). Never corrects anything.
 */
public final class ProxyConfigValidator {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");
  private static final Duration MAX_HANDSHAKE = Duration.ofMinutes(5);

  private ProxyConfigValidator() {}

  public static List<ConfigProblem> validate(ProxyConfig config) {
    List<ConfigProblem> problems = new ArrayList<>();
    names(config.trustPoints().stream().map(TrustPoint::name).toList(), "trustpoint", problems);
    names(config.accessLists().stream().map(AccessList::name).toList(), "acl", problems);
    names(config.instances().stream().map(ProxyInstance::name).toList(), "instance", problems);
    if (config.instances().isEmpty()) {
      problems.add(new ConfigProblem("instances", "at least one proxy instance is needed"));
    }
    for (ProxyInstance instance : config.instances()) {
      instance(config, instance, problems);
    }
    for (AccessList list : config.accessLists()) {
      for (int i = 0; i < list.entries().size(); i++) {
        AclEntry entry = list.entries().get(i);
        String field = "acl." + list.name() + "." + (i + 1);
        port(entry.sourcePort().orElse(1), field, problems);
        port(entry.destinationPort().orElse(1), field, problems);
        entry
            .partnerDomain()
            .filter(d -> !HostSyntax.isDnsName(d))
            .ifPresent(d -> problems.add(new ConfigProblem(field, "not a DNS domain: " + d)));
      }
    }
    pat(config, problems);
    return problems;
  }

  private static void names(List<String> names, String kind, List<ConfigProblem> problems) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!NAME.matcher(name).matches()) {
        problems.add(
            new ConfigProblem(
                kind + "." + name, "a name has 1..64 letters, digits, '_', '.' or '-'"));
      } else if (!seen.add(name)) {
        problems.add(new ConfigProblem(kind + "." + name, "defined twice"));
      }
    }
  }

  private static void instance(
      ProxyConfig config, ProxyInstance instance, List<ConfigProblem> problems) {
    String prefix = "instance." + instance.name() + ".";
    identity(config, instance.serverTrustPoint(), prefix + "server-trust-point", problems);
    identity(config, instance.clientTrustPoint(), prefix + "client-trust-point", problems);
    trustList(config, instance.serverTrust(), prefix + "server-trust", problems);
    trustList(config, instance.clientTrust(), prefix + "client-trust", problems);
    if (!HostSyntax.isHost(instance.upstreamName())) {
      problems.add(
          new ConfigProblem(
              prefix + "upstream-name",
              "the name the re-originated leg's server must present (a DNS name or IP)"));
    }
    for (String subject : instance.peerSubjects()) {
      if (!HostSyntax.isHost(subject)) {
        problems.add(new ConfigProblem(prefix + "peer-subjects", "not a host name: " + subject));
      }
    }
    if (instance.cipherSuites().isEmpty()) {
      problems.add(new ConfigProblem(prefix + "cipher-suites", "at least one suite"));
    }
    if (instance.protocols().isEmpty() || !PROTOCOLS.containsAll(instance.protocols())) {
      problems.add(new ConfigProblem(prefix + "protocols", "TLSv1.2 and/or TLSv1.3"));
    }
    if (config.accessList(instance.accessList()).isEmpty()) {
      problems.add(
          new ConfigProblem(
              prefix + "access-list", "no access list named '" + instance.accessList() + "'"));
    }
    direction(config, instance, prefix, problems);
    limits(instance.limits(), prefix, problems);
  }

  private static void direction(
      ProxyConfig config, ProxyInstance instance, String prefix, List<ConfigProblem> problems) {
    if (instance.direction() == Direction.OUTBOUND) {
      endpoint(instance.listen(), prefix + "listen", problems);
      endpoint(instance.target(), prefix + "target", problems);
      return;
    }
    if (instance.listen().isPresent() || instance.target().isPresent()) {
      problems.add(
          new ConfigProblem(
              prefix + "listen",
              "an inbound instance listens and connects where its PAT mappings say"));
    }
    if (config.mappingsOf(instance.name()).isEmpty()) {
      problems.add(
          new ConfigProblem(
              prefix + "direction", "an inbound instance needs a PAT mapping bound to it"));
    }
  }

  private static void limits(
      ProxyInstance.Limits limits, String prefix, List<ConfigProblem> problems) {
    Duration handshake = limits.handshakeTimeout();
    if (handshake.isNegative() || handshake.isZero() || handshake.compareTo(MAX_HANDSHAKE) > 0) {
      problems.add(new ConfigProblem(prefix + "handshake-timeout", "1 ms .. 5 minutes"));
    }
    if (limits.idleTimeout().isNegative() || limits.idleTimeout().isZero()) {
      problems.add(new ConfigProblem(prefix + "idle-timeout", "must be positive"));
    }
    if (limits.maxSipMessageBytes() < 1024 || limits.maxSipMessageBytes() > 16 * 1024 * 1024) {
      problems.add(new ConfigProblem(prefix + "max-sip-message", "1024 .. 16777216 bytes"));
    }
  }

  private static void identity(
      ProxyConfig config, String name, String field, List<ConfigProblem> problems) {
    Optional<TrustPoint> point = config.trustPoint(name);
    if (point.isEmpty()) {
      problems.add(new ConfigProblem(field, "no trust point named '" + name + "'"));
    } else if (!point.get().isIdentity()) {
      problems.add(new ConfigProblem(field, "trust point '" + name + "' has no key pair"));
    }
  }

  private static void trustList(
      ProxyConfig config, List<String> names, String field, List<ConfigProblem> problems) {
    if (names.isEmpty()) {
      problems.add(new ConfigProblem(field, "at least one trust point to verify the peer"));
    }
    for (String name : names) {
      if (config.trustPoint(name).isEmpty()) {
        problems.add(new ConfigProblem(field, "no trust point named '" + name + "'"));
      }
    }
  }

  private static void endpoint(
      Optional<Endpoint> endpoint, String field, List<ConfigProblem> problems) {
    if (endpoint.isEmpty()) {
      problems.add(new ConfigProblem(field, "required: address:port"));
      return;
    }
    if (IpAddress.parse(endpoint.get().address()).isEmpty()) {
      problems.add(new ConfigProblem(field, "not an IP address: " + endpoint.get().address()));
    }
    port(endpoint.get().port(), field, problems);
  }

  private static void port(int port, String field, List<ConfigProblem> problems) {
    if (port < 1 || port > 65535) {
      problems.add(new ConfigProblem(field, "port " + port + " is not in 1..65535"));
    }
  }

  private static void pat(ProxyConfig config, List<ConfigProblem> problems) {
    Set<Endpoint> outside = new HashSet<>();
    Set<Endpoint> inside = new HashSet<>();
    for (int i = 0; i < config.patMappings().size(); i++) {
      PatMapping mapping = config.patMappings().get(i);
      String field = "pat." + (i + 1);
      endpoint(Optional.of(mapping.inside()), field, problems);
      endpoint(Optional.of(mapping.outside()), field, problems);
      if (!outside.add(mapping.outside())) {
        problems.add(new ConfigProblem(field, "public " + mapping.outside() + " mapped twice"));
      }
      if (!inside.add(mapping.inside())) {
        problems.add(new ConfigProblem(field, "inside " + mapping.inside() + " mapped twice"));
      }
      mapping
          .instance()
          .ifPresent(
              name -> {
                Optional<ProxyInstance> instance = config.instance(name);
                if (instance.isEmpty()) {
                  problems.add(new ConfigProblem(field, "no proxy instance named '" + name + "'"));
                } else if (instance.get().direction() != Direction.INBOUND) {
                  problems.add(
                      new ConfigProblem(field, "'" + name + "' is not an inbound instance"));
                }
              });
    }
  }
}
