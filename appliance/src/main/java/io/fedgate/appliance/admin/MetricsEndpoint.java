package io.fedgate.appliance.admin;

/** Renders the node's metrics in the Prometheus text format. */
@FunctionalInterface
public interface MetricsEndpoint {
  String scrape();
}
