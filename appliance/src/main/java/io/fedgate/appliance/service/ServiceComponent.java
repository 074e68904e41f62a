package io.fedgate.appliance.service;

import java.util.List;

/**
 * What a service does when started and stopped. Called only from the registry's control thread, one
 * operation at a time.
 */
public interface ServiceComponent {

  /** Opens listeners and starts work; throws when the service cannot run. */
  void start() throws Exception;

  /** Stops work and releases listeners; must be safe after a failed start. */
  void stop() throws Exception;

  /**
   * Applies a runtime config change without a restart, if this service can.
   *
   * @param key what changed (a parameter name, or an object kind such as "static-routes")
   * @return true when applied live; false when the change needs a restart
   */
  default boolean applyLive(String key) {
    return false;
  }

  /** Listeners currently open. */
  default List<BoundListener> listeners() {
    return List.of();
  }
}
