package io.fedgate.appliance.node;

import io.fedgate.appliance.admin.AdminServer;
import io.fedgate.appliance.admin.NodeStatus;
import io.fedgate.appliance.boot.BootConfig;
import io.fedgate.appliance.boot.ListenerConfig;
import io.fedgate.appliance.boot.ListenerId;
import io.fedgate.appliance.certs.CertificateExpiry;
import io.fedgate.appliance.service.BoundListener;
import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.service.ServiceRegistry;
import io.fedgate.appliance.service.ServiceState;
import io.fedgate.appliance.service.ServiceStatus;
import io.fedgate.appliance.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Assembles the {@link NodeStatus} an operator sees from the node's parts. */
final class NodeStatusView {
  private final BootConfig config;
  private final ServiceRegistry services;
  private final AdminServer admin;
  private final DataDirectory dataDir;
  private final Database database;
  private final CertificateExpiry expiry;
  private final Instant startedAt;
  private final Clock clock;

  NodeStatusView(
      BootConfig config,
      ServiceRegistry services,
      AdminServer admin,
      DataDirectory dataDir,
      Database database,
      CertificateExpiry expiry,
      Instant startedAt,
      Clock clock) {
    this.config = config;
    this.services = services;
    this.admin = admin;
    this.dataDir = dataDir;
    this.database = database;
    this.expiry = expiry;
    this.startedAt = startedAt;
    this.clock = clock;
  }

  NodeStatus build() {
    List<ServiceStatus> statuses = services.statuses();
    return new NodeStatus(
        Version.current(),
        config.nodeFqdn(),
        config.localDomains(),
        ProcessHandle.current().pid(),
        startedAt,
        Duration.between(startedAt, clock.instant()).toSeconds(),
        dataDir.root().toString(),
        database.description(),
        listeners(statuses),
        io.fedgate.appliance.admin.AdminViews.services(statuses),
        expiry.expiring().stream()
            .map(
                e ->
                    new NodeStatus.ExpiringCertificateView(
                        e.store().storeName(), e.alias(), e.subject(), e.notAfter(), e.daysLeft()))
            .toList());
  }

  private List<NodeStatus.ListenerView> listeners(List<ServiceStatus> statuses) {
    List<NodeStatus.ListenerView> views = new ArrayList<>();
    for (ListenerId id : ListenerId.values()) {
      ListenerConfig listener = config.listener(id);
      ServiceName owner = owner(id);
      int bound = 0;
      String note;
      if (!listener.enabled()) {
        note = "disabled";
      } else if (id == ListenerId.ADMIN) {
        bound = admin.boundPort();
        note = "open";
      } else {
        Optional<BoundListener> open =
            statuses.get(owner.ordinal()).listeners().stream()
                .filter(l -> l.id().equals(id.id()))
                .findFirst();
        bound = open.map(BoundListener::boundPort).orElse(0);
        note = open.isPresent() ? "open" : notOpen(owner, statuses.get(owner.ordinal()));
      }
      views.add(
          new NodeStatus.ListenerView(
              id.id(),
              owner.displayName(),
              listener.enabled(),
              listener.address(),
              listener.port(),
              bound,
              note));
    }
    return views;
  }

  private static String notOpen(ServiceName owner, ServiceStatus status) {
    return status.state() == ServiceState.RUNNING
        ? "not open: " + owner + " has no listener yet"
        : "not open: " + owner + " is " + status.state();
  }

  static ServiceName owner(ListenerId id) {
    return switch (id) {
      case ADMIN -> ServiceName.ADMIN_WEB;
      case SIP_PEER_AUTH, SIP_SERVER_AUTH, SIP_TCP -> ServiceName.SIP_PROXY;
      case XMPP_C2S, XMPP_C2S_DIRECT_TLS -> ServiceName.XMPP_CONNECTION_MANAGER;
      case XMPP_S2S, XMPP_S2S_DIRECT_TLS -> ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER;
      case TLS_PROXY_OUTSIDE -> ServiceName.TLS_PROXY;
    };
  }
}
