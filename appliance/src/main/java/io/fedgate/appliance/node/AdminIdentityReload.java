package io.fedgate.appliance.node;

import io.fedgate.appliance.admin.AdminServer;
import io.fedgate.appliance.certs.IdentityReload;
import io.fedgate.certstore.Outcome;
import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.pki.PemEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a changed {@code admin} identity to work at once: the admin endpoint serves it to new
 * connections, and {@code run/admin.pem}, which the local CLI pins, is rewritten. Other stores are
 * not reloaded here; their services are flagged "restart required".
 */
final class AdminIdentityReload implements IdentityReload {
  private static final Logger log = LoggerFactory.getLogger(AdminIdentityReload.class);

  private final NodeCertificates certificates;
  private final Supplier<AdminServer> admin;
  private final Path runDir;

  /**
   * @param admin the node's admin endpoint once it exists (null before)
   */
  AdminIdentityReload(NodeCertificates certificates, Supplier<AdminServer> admin, Path runDir) {
    this.certificates = certificates;
    this.admin = admin;
    this.runDir = runDir;
  }

  @Override
  public boolean reload(StoreName store) {
    AdminServer server = admin.get();
    if (store != StoreName.ADMIN || server == null) {
      return false;
    }
    Outcome<Identity> identity = certificates.identity(StoreName.ADMIN);
    if (!identity.isAccepted()) {
      log.error("cannot reload the admin identity: {}", identity.rejection());
      return false;
    }
    try {
      server.reloadTls(TlsContexts.server(identity.value()));
      publish(identity.value());
      log.info("the admin endpoint presents {} to new connections", identity.value());
      return true;
    } catch (Exception e) {
      log.error("cannot reload the admin identity: {}", e.toString());
      return false;
    }
  }

  /** Writes the run files: pid, admin URL and the admin certificate the local CLI pins. */
  void publish(Identity adminIdentity) throws IOException {
    new RunInfo(
            ProcessHandle.current().pid(),
            admin.get().url(),
            PemEncoder.certificates(adminIdentity.chain()))
        .write(runDir);
  }
}
