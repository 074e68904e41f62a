package io.fedgate.appliance.admin;

import io.fedgate.appliance.service.ServiceStatus;
import java.util.List;

/** Operator-facing views of internal state. */
public final class AdminViews {
  private AdminViews() {}

  public static List<NodeStatus.ServiceView> services(List<ServiceStatus> statuses) {
    return statuses.stream()
        .map(
            s ->
                new NodeStatus.ServiceView(
                    s.name().displayName(),
                    s.state().name(),
                    s.since(),
                    s.restartRequired(),
                    s.restartReasons(),
                    s.lastError()))
        .toList();
  }
}
