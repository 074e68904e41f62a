package io.fedgate.tlsproxy.config;

import io.fedgate.tlsproxy.acl.AccessList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a proxy runs from: trust points, instances, access lists and the static PAT table.
 * Immutable; check it with {@link ProxyConfigValidator} before use.
 */
public record ProxyConfig(
    List<TrustPoint> trustPoints,
    List<ProxyInstance> instances,
    List<AccessList> accessLists,
    List<PatMapping> patMappings) {

  public ProxyConfig {
    trustPoints = List.copyOf(trustPoints);
    instances = List.copyOf(instances);
    accessLists = List.copyOf(accessLists);
    patMappings = List.copyOf(patMappings);
  }

  public Optional<TrustPoint> trustPoint(String name) {
    return trustPoints.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public Optional<ProxyInstance> instance(String name) {
    return instances.stream().filter(i -> i.name().equals(name)).findFirst();
  }

  public Optional<AccessList> accessList(String name) {
    return accessLists.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /** The PAT mappings an inbound instance listens on. */
  public List<PatMapping> mappingsOf(String instance) {
    return patMappings.stream().filter(m -> m.instance().equals(Optional.of(instance))).toList();
  }
}
