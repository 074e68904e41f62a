package io.fedgate.appliance.admin;

import io.fedgate.appliance.certs.CertificateAdmin;
import io.fedgate.appliance.service.ServiceName;
import io.fedgate.certstore.pki.CertificateDetails;
import io.fedgate.certstore.store.CertificateView;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A certificate entry as the REST API answers it: the details of every certificate (subject, SANs,
 * issuer, serial, validity, key type and size, EKUs, SHA-256 fingerprint), the store, the listeners
 * that use it and whether the node holds its (sealed) key. Never the key.
 *
 * @param keyHeldOnNode true for identities and pending requests: the key exists, sealed, on the
 *     node only
 * @param csr the PKCS#10 request of a pending entry, else null
 */
record CertificateJson(
    String store,
    String alias,
    String kind,
    List<String> listeners,
    boolean keyHeldOnNode,
    String csr,
    List<CertificateDetails> chain,
    Instant createdAt,
    Instant updatedAt) {

  static CertificateJson of(CertificateView view) {
    return new CertificateJson(
        view.store().storeName(),
        view.alias(),
        view.kind().name(),
        view.listeners(),
        view.hasPrivateKey(),
        view.csrPem().orElse(null),
        view.chain(),
        view.createdAt(),
        view.updatedAt());
  }

  /** The answer to an accepted change: the entry and what it did to the services. */
  record Changed(
      CertificateJson certificate, List<String> appliedLive, List<String> restartRequired) {

    static Changed of(CertificateAdmin.Changed changed) {
      return new Changed(
          CertificateJson.of(changed.certificate()),
          names(changed.appliedLive()),
          names(changed.restartRequired()));
    }
  }

  static List<String> names(Set<ServiceName> services) {
    return services.stream().map(ServiceName::displayName).sorted().toList();
  }
}
