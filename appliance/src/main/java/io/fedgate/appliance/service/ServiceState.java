package io.fedgate.appliance.service;

/** Lifecycle state of a service, as shown by {@code utils service list}. */
public enum ServiceState {
  STOPPED,
  STARTING,
  RUNNING,
  STOPPING,
  FAILED
}
