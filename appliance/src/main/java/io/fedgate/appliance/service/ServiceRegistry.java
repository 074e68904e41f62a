package io.fedgate.appliance.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Starts, stops and restarts the node's services in dependency order and tracks their states and
 * "restart required" flags.
 *
 * <p>Threading: every state change runs on one control thread, so operations never interleave;
 * callers block until their operation is done. Status reads never block.
 */
public final class ServiceRegistry implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceRegistry.class);

  /** Which affected services took a config change live and which now need a restart. */
  public record ChangeOutcome(Set<ServiceName> appliedLive, Set<ServiceName> restartRequired) {}

  private final Map<ServiceName, ServiceComponent> components;
  private final Map<ServiceName, ServiceStatus> statuses = new ConcurrentHashMap<>();
  private final ExecutorService control;
  private final Clock clock;

  public ServiceRegistry(Map<ServiceName, ServiceComponent> components, Clock clock) {
    if (!components.keySet().containsAll(EnumSet.allOf(ServiceName.class))) {
      throw new IllegalArgumentException("every service needs a component: " + components.keySet());
    }
    this.components = new EnumMap<>(components);
    this.clock = clock;
    this.control =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "service-control");
              thread.setDaemon(true);
              return thread;
            });
    for (ServiceName name : ServiceName.values()) {
      statuses.put(name, status(name, ServiceState.STOPPED, List.of(), null));
    }
  }

  public ServiceStatus status(ServiceName name) {
    ServiceStatus status = statuses.get(name);
    return new ServiceStatus(
        status.name(),
        status.state(),
        status.since(),
        status.restartReasons(),
        status.lastError(),
        status.state() == ServiceState.RUNNING ? components.get(name).listeners() : List.of());
  }

  /** The component behind a service (for views such as the TLS proxy's sessions). */
  public ServiceComponent component(ServiceName name) {
    return components.get(name);
  }

  public List<ServiceStatus> statuses() {
    return Arrays.stream(ServiceName.values()).map(this::status).toList();
  }

  /** Starts every service in dependency order; a failed service leaves its dependents stopped. */
  public List<ServiceStatus> startAll() {
    return onControlThread(
        () -> {
          for (ServiceName name : ServiceName.values()) {
            startWithDependencies(name);
          }
          return statuses();
        });
  }

  /** Stops every service, dependents first. */
  public void stopAll() {
    onControlThread(
        () -> {
          List<ServiceName> order = new ArrayList<>(List.of(ServiceName.values()));
          java.util.Collections.reverse(order);
          order.forEach(this::stopOne);
          return null;
        });
  }

  /** Starts a service, starting what it depends on first. */
  public List<ServiceStatus> start(ServiceName name) {
    return onControlThread(
        () -> {
          List<ServiceName> touched = startWithDependencies(name);
          return touched.stream().map(this::status).toList();
        });
  }

  /** Stops a service and, first, the running services that depend on it. */
  public List<ServiceStatus> stop(ServiceName name) {
    return onControlThread(
        () -> {
          List<ServiceName> touched = new ArrayList<>(runningDependents(name));
          java.util.Collections.reverse(touched);
          touched.forEach(this::stopOne);
          stopOne(name);
          touched.add(name);
          return touched.stream().map(this::status).toList();
        });
  }

  /** Restarts a service; the dependents that were running are stopped first and started again. */
  public List<ServiceStatus> restart(ServiceName name) {
    return onControlThread(
        () -> {
          List<ServiceName> dependents = runningDependents(name);
          List<ServiceName> reverse = new ArrayList<>(dependents);
          java.util.Collections.reverse(reverse);
          reverse.forEach(this::stopOne);
          stopOne(name);
          List<ServiceName> touched = new ArrayList<>(startWithDependencies(name));
          for (ServiceName dependent : dependents) {
            touched.addAll(startWithDependencies(dependent));
          }
          return touched.stream().distinct().map(this::status).toList();
        });
  }

  /**
   * Tells the affected running services that a piece of runtime config changed: each applies it
   * live if it can, otherwise it is flagged "restart required" (with {@code reason}) until
   * restarted.
   *
   * @param key what changed, as the services know it (a parameter name, "static-routes", ...)
   * @param reason what the operator sees, e.g. "parameter sip.federation-routing-fqdn changed"
   */
  public ChangeOutcome configChanged(String key, String reason, Set<ServiceName> affected) {
    return onControlThread(
        () -> {
          Set<ServiceName> live = EnumSet.noneOf(ServiceName.class);
          Set<ServiceName> restart = EnumSet.noneOf(ServiceName.class);
          for (ServiceName name : affected) {
            ServiceStatus current = statuses.get(name);
            if (current.state() != ServiceState.RUNNING) {
              continue; // picks the new value up when it starts
            }
            if (components.get(name).applyLive(key)) {
              live.add(name);
            } else {
              List<String> reasons = new ArrayList<>(current.restartReasons());
              if (!reasons.contains(reason)) {
                reasons.add(reason);
              }
              statuses.put(name, withReasons(current, reasons));
              restart.add(name);
            }
          }
          return new ChangeOutcome(live, restart);
        });
  }

  private List<ServiceName> startWithDependencies(ServiceName name) {
    List<ServiceName> touched = new ArrayList<>();
    for (ServiceName dependency : transitiveDependencies(name)) {
      if (statuses.get(dependency).state() != ServiceState.RUNNING) {
        startOne(dependency);
        touched.add(dependency);
      }
      if (statuses.get(dependency).state() != ServiceState.RUNNING) {
        ServiceStatus current = statuses.get(name);
        statuses.put(
            name,
            status(
                name,
                current.state(),
                current.restartReasons(),
                "not started: " + dependency + " is " + statuses.get(dependency).state()));
        touched.add(name);
        return touched;
      }
    }
    if (statuses.get(name).state() != ServiceState.RUNNING) {
      startOne(name);
    }
    touched.add(name);
    return touched;
  }

  private void startOne(ServiceName name) {
    MDC.put("svc", name.displayName());
    try {
      statuses.put(name, status(name, ServiceState.STARTING, List.of(), null));
      log.info("starting {}", name);
      components.get(name).start();
      statuses.put(name, status(name, ServiceState.RUNNING, List.of(), null));
      log.info("{} is running", name);
    } catch (Exception e) {
      log.error("{} failed to start: {}", name, describe(e), e);
      stopQuietly(name);
      statuses.put(name, status(name, ServiceState.FAILED, List.of(), describe(e)));
    } finally {
      MDC.remove("svc");
    }
  }

  private void stopOne(ServiceName name) {
    ServiceState state = statuses.get(name).state();
    if (state == ServiceState.STOPPED) {
      return;
    }
    MDC.put("svc", name.displayName());
    try {
      statuses.put(name, status(name, ServiceState.STOPPING, List.of(), null));
      log.info("stopping {}", name);
      components.get(name).stop();
      statuses.put(name, status(name, ServiceState.STOPPED, List.of(), null));
      log.info("{} stopped", name);
    } catch (Exception e) {
      log.error("{} failed to stop cleanly: {}", name, describe(e), e);
      statuses.put(name, status(name, ServiceState.FAILED, List.of(), describe(e)));
    } finally {
      MDC.remove("svc");
    }
  }

  private void stopQuietly(ServiceName name) {
    try {
      components.get(name).stop();
    } catch (Exception cleanup) {
      log.debug("cleanup after failed start of {} also failed", name, cleanup);
    }
  }

  private static List<ServiceName> transitiveDependencies(ServiceName name) {
    Set<ServiceName> all = EnumSet.noneOf(ServiceName.class);
    collectDependencies(name, all);
    return List.copyOf(all); // enum order is a valid start order
  }

  private static void collectDependencies(ServiceName name, Set<ServiceName> into) {
    for (ServiceName dependency : name.dependencies()) {
      if (into.add(dependency)) {
        collectDependencies(dependency, into);
      }
    }
  }

  private List<ServiceName> runningDependents(ServiceName name) {
    return Arrays.stream(ServiceName.values())
        .filter(other -> transitiveDependencies(other).contains(name))
        .filter(other -> statuses.get(other).state() == ServiceState.RUNNING)
        .toList();
  }

  private ServiceStatus status(
      ServiceName name, ServiceState state, List<String> reasons, String error) {
    return new ServiceStatus(name, state, clock.instant(), reasons, error, List.of());
  }

  private static ServiceStatus withReasons(ServiceStatus current, List<String> reasons) {
    return new ServiceStatus(
        current.name(),
        current.state(),
        current.since(),
        reasons,
        current.lastError(),
        current.listeners());
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private <T> T onControlThread(Callable<T> operation) {
    Future<T> result = control.submit(operation);
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a service operation", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("service operation failed", e.getCause());
    }
  }

  @Override
  public void close() {
    control.shutdown();
  }
}
