package io.fedgate.appliance.node;

import io.fedgate.appliance.admin.MetricsEndpoint;
import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.service.ServiceRegistry;
import io.fedgate.appliance.service.ServiceState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The node's Micrometer registry, scraped in the Prometheus format at {@code /metrics}. */
final class NodeMetrics implements MetricsEndpoint, AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();

  NodeMetrics(ServiceRegistry services) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc.bindTo(registry);
    for (ServiceName name : ServiceName.values()) {
      Gauge.builder(
              "fedgate.service.up",
              services,
              s -> s.status(name).state() == ServiceState.RUNNING ? 1 : 0)
          .description("1 when the service is running")
          .tag("service", name.displayName())
          .register(registry);
      Gauge.builder(
              "fedgate.service.restart.required",
              services,
              s -> s.status(name).restartRequired() ? 1 : 0)
          .description("1 when a config change waits for a restart of the service")
          .tag("service", name.displayName())
          .register(registry);
    }
  }

  /** Adds meters kept by another part of the node (e.g. certificate expiry). */
  void bind(MeterBinder binder) {
    binder.bindTo(registry);
  }

  @Override
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
