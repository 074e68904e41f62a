package io.fedgate.appliance.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceRegistryTest {
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final Map<ServiceName, Fake> fakes = new EnumMap<>(ServiceName.class);
  private final ServiceRegistry registry;

  ServiceRegistryTest() {
    for (ServiceName name : ServiceName.values()) {
      fakes.put(name, new Fake(name));
    }
    registry =
        new ServiceRegistry(
            new EnumMap<>(fakes),
            Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void startsEverythingInDependencyOrder() {
    registry.startAll();

    assertThat(calls)
        .containsExactly(
            "start XCP Router",
            "start Presence Engine",
            "start XMPP Connection Manager",
            "start XMPP Federation Connection Manager",
            "start SIP Proxy",
            "start TLS Proxy",
            "start Admin Web");
    assertThat(registry.statuses()).allMatch(s -> s.state() == ServiceState.RUNNING);
  }

  @Test
  void restartingTheRouterRestartsTheServicesThatDependOnIt() {
    registry.startAll();
    calls.clear();

    List<ServiceStatus> touched = registry.restart(ServiceName.XCP_ROUTER);

    assertThat(calls)
        .containsExactly(
            "stop SIP Proxy",
            "stop XMPP Federation Connection Manager",
            "stop XMPP Connection Manager",
            "stop Presence Engine",
            "stop XCP Router",
            "start XCP Router",
            "start Presence Engine",
            "start XMPP Connection Manager",
            "start XMPP Federation Connection Manager",
            "start SIP Proxy");
    assertThat(touched).extracting(ServiceStatus::state).containsOnly(ServiceState.RUNNING);
    assertThat(registry.status(ServiceName.TLS_PROXY).state()).isEqualTo(ServiceState.RUNNING);
  }

  @Test
  void restartDoesNotStartDependentsThatWereStopped() {
    registry.startAll();
    registry.stop(ServiceName.SIP_PROXY);
    calls.clear();

    registry.restart(ServiceName.XCP_ROUTER);

    assertThat(calls).doesNotContain("start SIP Proxy");
    assertThat(registry.status(ServiceName.SIP_PROXY).state()).isEqualTo(ServiceState.STOPPED);
  }

  @Test
  void stoppingAServiceStopsItsDependentsFirst() {
    registry.startAll();
    calls.clear();

    registry.stop(ServiceName.PRESENCE_ENGINE);

    assertThat(calls).containsExactly("stop XMPP Connection Manager", "stop Presence Engine");
    assertThat(registry.status(ServiceName.XCP_ROUTER).state()).isEqualTo(ServiceState.RUNNING);
  }

  @Test
  void startingAServiceStartsWhatItNeeds() {
    registry.start(ServiceName.XMPP_CONNECTION_MANAGER);

    assertThat(calls)
        .containsExactly(
            "start XCP Router", "start Presence Engine", "start XMPP Connection Manager");
  }

  @Test
  void aFailedStartIsReportedAndItsDependentsStayStopped() {
    fakes.get(ServiceName.PRESENCE_ENGINE).failStart = "cannot open the presence store";

    registry.startAll();

    ServiceStatus failed = registry.status(ServiceName.PRESENCE_ENGINE);
    assertThat(failed.state()).isEqualTo(ServiceState.FAILED);
    assertThat(failed.lastError()).isEqualTo("cannot open the presence store");
    ServiceStatus dependent = registry.status(ServiceName.XMPP_CONNECTION_MANAGER);
    assertThat(dependent.state()).isEqualTo(ServiceState.STOPPED);
    assertThat(dependent.lastError()).isEqualTo("not started: Presence Engine is FAILED");
    assertThat(registry.status(ServiceName.SIP_PROXY).state()).isEqualTo(ServiceState.RUNNING);

    fakes.get(ServiceName.PRESENCE_ENGINE).failStart = null;
    registry.start(ServiceName.XMPP_CONNECTION_MANAGER);
    assertThat(registry.status(ServiceName.XMPP_CONNECTION_MANAGER).state())
        .isEqualTo(ServiceState.RUNNING);
  }

  @Test
  void aParameterChangeIsAppliedLiveOrFlagsARestartUntilRestarted() {
    registry.startAll();
    fakes.get(ServiceName.PRESENCE_ENGINE).live = Set.of("presence.offline-messages-per-user");

    ServiceRegistry.ChangeOutcome live =
        registry.configChanged(
            "presence.offline-messages-per-user",
            "parameter presence.offline-messages-per-user changed",
            Set.of(ServiceName.PRESENCE_ENGINE));
    ServiceRegistry.ChangeOutcome restart =
        registry.configChanged(
            "sip.federation-routing-fqdn",
            "parameter sip.federation-routing-fqdn changed",
            Set.of(ServiceName.XCP_ROUTER));

    assertThat(live.appliedLive()).containsExactly(ServiceName.PRESENCE_ENGINE);
    assertThat(restart.restartRequired()).containsExactly(ServiceName.XCP_ROUTER);
    assertThat(registry.status(ServiceName.PRESENCE_ENGINE).restartRequired()).isFalse();
    assertThat(registry.status(ServiceName.XCP_ROUTER).restartReasons())
        .containsExactly("parameter sip.federation-routing-fqdn changed");

    registry.restart(ServiceName.XCP_ROUTER);
    assertThat(registry.status(ServiceName.XCP_ROUTER).restartRequired()).isFalse();
  }

  @Test
  void aStoppedServiceIsNotFlagged() {
    registry.configChanged(
        "tls-peer-subjects", "TLS peer subjects changed", Set.of(ServiceName.SIP_PROXY));

    assertThat(registry.status(ServiceName.SIP_PROXY).restartRequired()).isFalse();
  }

  @Test
  void namesAreCaseInsensitiveWithOrWithoutTheCiscoPrefix() {
    assertThat(ServiceName.parse("XCP Router")).contains(ServiceName.XCP_ROUTER);
    assertThat(ServiceName.parse("xcp  router")).contains(ServiceName.XCP_ROUTER);
    assertThat(ServiceName.parse("Cisco XCP Router")).contains(ServiceName.XCP_ROUTER);
    assertThat(ServiceName.parse("cisco sip proxy")).contains(ServiceName.SIP_PROXY);
    assertThat(ServiceName.parse("XMPP Federation Connection Manager"))
        .contains(ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER);
    assertThat(ServiceName.parse("XCP")).isEmpty();
  }

  private final class Fake implements ServiceComponent {
    private final ServiceName name;
    volatile String failStart;
    volatile Set<String> live = Set.of();

    Fake(ServiceName name) {
      this.name = name;
    }

    @Override
    public void start() {
      calls.add("start " + name);
      if (failStart != null) {
        throw new IllegalStateException(failStart);
      }
    }

    @Override
    public void stop() {
      if (failStart == null) {
        calls.add("stop " + name);
      }
    }

    @Override
    public boolean applyLive(String parameter) {
      return live.contains(parameter);
    }
  }
}
