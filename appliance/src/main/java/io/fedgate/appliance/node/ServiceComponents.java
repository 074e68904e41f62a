package io.fedgate.appliance.node;

import io.fedgate.appliance.boot.BootConfig;
import io.fedgate.appliance.doctor.DoctorDns;
import io.fedgate.appliance.federation.FederationAdmin;
import io.fedgate.appliance.params.RuntimeParameters;
import io.fedgate.appliance.presence.PresenceEngine;
import io.fedgate.appliance.s2s.FailureHistory;
import io.fedgate.appliance.s2s.XmppFederationConnectionManager;
import io.fedgate.appliance.service.ServiceComponent;
import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.sip.SipProxyService;
import io.fedgate.appliance.store.Database;
import io.fedgate.appliance.store.JdbcOfflineMessages;
import io.fedgate.appliance.tlsproxy.TlsProxyService;
import io.fedgate.appliance.users.UserDirectory;
import io.fedgate.appliance.xmpp.FederationGateways;
import io.fedgate.appliance.xmpp.XcpRouter;
import io.fedgate.appliance.xmpp.XmppConnectionManager;
import io.fedgate.certstore.StoreName;
import io.fedgate.xmpp.c2s.LocalSessions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The component behind each named service: real ones where built, reserved ones elsewhere. */
final class ServiceComponents {
  private ServiceComponents() {}

  /**
   * @param parameters read when a service starts or stores (the registry exists before them)
   * @param federation the federation objects, read when a service starts (built after the registry)
   * @param sipPeerSubjects the TLS peer subject names of the peer-auth TLS context
   */
  static Map<ServiceName, ServiceComponent> create(
      BootConfig config,
      Database database,
      NodeCertificates certificates,
      UserDirectory users,
      LocalSessions sessions,
      Supplier<RuntimeParameters> parameters,
      Supplier<FederationAdmin> federation,
      Supplier<List<String>> sipPeerSubjects,
      Clock clock,
      SecureRandom random) {
    Map<ServiceName, ServiceComponent> components = new EnumMap<>(ServiceName.class);
    for (ServiceName name : ServiceName.values()) {
      components.put(name, new ReservedService(name));
    }
    FederationGateways gateways = new FederationGateways();
    XcpRouter router =
        new XcpRouter(
            config.localDomains(),
            users,
            sessions,
            database,
            new JdbcOfflineMessages(clock),
            () -> Integer.parseInt(parameters.get().value("presence.offline-messages-per-user")),
            gateways,
            ReservedService.liveKeys(ServiceName.XCP_ROUTER)::contains);
    components.put(ServiceName.XCP_ROUTER, router);
    PresenceEngine presence =
        new PresenceEngine(
            config.localDomains(),
            users,
            sessions,
            database,
            router,
            ReservedService.liveKeys(ServiceName.PRESENCE_ENGINE)::contains);
    components.put(ServiceName.PRESENCE_ENGINE, presence);
    // The federation gateway services (S2S, SIP) attach to `gateways` when they start and hand
    // stanzas from remote domains to `presence.inbound()`.
    components.put(
        ServiceName.XMPP_CONNECTION_MANAGER,
        new XmppConnectionManager(
            config,
            new XmppConnectionManager.Wiring(
                users,
                sessions,
                presence::router,
                () -> certificates.identity(StoreName.CUP_XMPP).value(),
                () -> Boolean.parseBoolean(parameters.get().value("xmpp.c2s.allow-plain")),
                () ->
                    Integer.parseInt(parameters.get().value("xmpp.c2s.resumption-timeout-seconds")),
                () -> Integer.parseInt(parameters.get().value("xmpp.c2s.max-unacked-stanzas")),
                clock,
                random),
            ReservedService.liveKeys(ServiceName.XMPP_CONNECTION_MANAGER)::contains));
    components.put(
        ServiceName.TLS_PROXY,
        new TlsProxyService(
            config,
            () -> certificates.identity(StoreName.CUP).value(),
            () -> certificates.trusted(StoreName.CUP_TRUST),
            sipPeerSubjects,
            clock,
            random));
    components.put(
        ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER,
        new XmppFederationConnectionManager(
            config,
            new XmppFederationConnectionManager.Wiring(
                federation,
                gateways,
                presence::inbound,
                () -> certificates.identity(StoreName.CUP_XMPP).value(),
                () -> certificates.trusted(StoreName.CUP_XMPP_TRUST),
                new FailureHistory(database),
                () -> Integer.parseInt(parameters.get().value("xmpp.s2s.max-inbound-per-address")),
                clock,
                random),
            ReservedService.liveKeys(ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER)::contains));
    components.put(
        ServiceName.SIP_PROXY,
        new SipProxyService(
            config,
            new SipProxyService.Wiring(
                federation,
                () -> TlsProxyService.insideSubjects(config, sipPeerSubjects.get()),
                () -> certificates.identity(StoreName.CUP).value(),
                () -> certificates.trusted(StoreName.CUP_TRUST),
                gateways,
                presence::inbound,
                DoctorDns.system(),
                clock,
                name -> parameters.get().value(name),
                jid -> users.enabled(jid.local(), jid.domain()).isPresent())));
    return components;
  }
}
