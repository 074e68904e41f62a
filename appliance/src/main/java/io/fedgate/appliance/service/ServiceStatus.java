package io.fedgate.appliance.service;

import java.time.Instant;
import java.util.List;

/**
 * What an operator sees of one service.
 *
 * @param restartReasons why a restart is required (empty when none is)
 * @param lastError the last start or stop failure, without stack trace
 */
public record ServiceStatus(
    ServiceName name,
    ServiceState state,
    Instant since,
    List<String> restartReasons,
    String lastError,
    List<BoundListener> listeners) {

  public ServiceStatus {
    restartReasons = List.copyOf(restartReasons);
    listeners = List.copyOf(listeners);
  }

  public boolean restartRequired() {
    return !restartReasons.isEmpty();
  }
}
