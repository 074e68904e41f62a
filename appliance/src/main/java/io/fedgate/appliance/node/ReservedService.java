package io.fedgate.appliance.node;

import io.fedgate.appliance.config.ConfigObject;
import io.fedgate.appliance.params.ParameterCatalog;
import io.fedgate.appliance.params.ParameterDefinition;
import io.fedgate.appliance.service.ServiceComponent;
import io.fedgate.appliance.service.ServiceName;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The lifecycle of a service whose protocol work is not built yet (the router, presence engine and
 * connection managers arrive with their own issues). It has states, dependencies and restarts like
 * any service and opens no listener. Parameters and objects marked live are read from their
 * snapshots on use, so they apply without a restart.
 */
final class ReservedService implements ServiceComponent {
  private final Set<String> liveParameters;

  ReservedService(ServiceName name) {
    this.liveParameters = liveKeys(name);
  }

  /** The parameters and config objects marked live for this service. */
  static Set<String> liveKeys(ServiceName name) {
    return java.util.stream.Stream.concat(
            ParameterCatalog.all().stream()
                .filter(p -> p.live() && p.affects().contains(name))
                .map(ParameterDefinition::name),
            java.util.Arrays.stream(ConfigObject.values())
                .filter(o -> o.live() && o.affects().contains(name))
                .map(ConfigObject::key))
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void start() {}

  @Override
  public void stop() {}

  @Override
  public boolean applyLive(String parameter) {
    return liveParameters.contains(parameter);
  }
}
