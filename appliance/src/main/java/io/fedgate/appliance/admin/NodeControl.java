package io.fedgate.appliance.admin;

import io.fedgate.appliance.certs.CertificateAdmin;
import io.fedgate.appliance.certs.TlsSettingsAdmin;
import io.fedgate.appliance.doctor.FederationDoctor;
import io.fedgate.appliance.federation.FederationAdmin;
import io.fedgate.appliance.params.RuntimeParameters;
import io.fedgate.appliance.s2s.S2sMonitor;
import io.fedgate.appliance.service.ServiceRegistry;
import io.fedgate.appliance.store.AuditEntry;
import io.fedgate.appliance.users.UserAdmin;
import java.util.List;

/** What the admin endpoint may ask of the node (implemented by the composition root). */
public interface NodeControl {
  NodeStatus status();

  ServiceRegistry services();

  RuntimeParameters parameters();

  List<AuditEntry> recentAudit(int limit);

  FederationAdmin federation();

  CertificateAdmin certificates();

  TlsSettingsAdmin tlsSettings();

  UserAdmin users();

  /** The Federation Doctor (blocking: call it from a request thread). */
  FederationDoctor doctor();

  /** The live side of XMPP federation (connections, failures, test). */
  S2sMonitor s2s();

  /** Traffic counters, client sessions and message rates, for the Dashboard. */
  io.fedgate.appliance.node.NodeTraffic traffic();

  /** The stored roster of a local user (for the End Users page). */
  List<io.fedgate.appliance.store.JdbcRosters.Row> roster(long userId);

  /** Records an audited change that no admin service records itself (logins, service actions). */
  void audit(
      String actor,
      String objectType,
      String objectId,
      AuditEntry.ChangeKind kind,
      String before,
      String after);
}
