package io.fedgate.certstore.store;

import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.pki.CertificateDetails;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What list/show answer for one entry: the details of every certificate, whether a (sealed) key is
 * held, the CSR of a pending request. Never the key itself.
 *
 * @param chain details of the certificates, leaf first; empty for a pending request
 * @param hasPrivateKey true for identities and pending requests (the key is sealed on the node)
 * @param csrPem the PKCS#10 request of a pending entry
 * @param listeners the listeners that use this entry; filled by the caller (the appliance knows its
 *     listeners), empty here
 */
public record CertificateView(
    StoreName store,
    String alias,
    EntryKind kind,
    List<CertificateDetails> chain,
    boolean hasPrivateKey,
    Optional<String> csrPem,
    List<String> listeners,
    Instant createdAt,
    Instant updatedAt) {

  public CertificateView {
    chain = List.copyOf(chain);
    listeners = List.copyOf(listeners);
  }

  /** The leaf's details, if the entry has certificates. */
  public Optional<CertificateDetails> leaf() {
    return chain.stream().findFirst();
  }

  public CertificateView withListeners(List<String> names) {
    return new CertificateView(
        store, alias, kind, chain, hasPrivateKey, csrPem, names, createdAt, updatedAt);
  }
}
