package io.fedgate.certstore.store;

import io.fedgate.certstore.NodeNames;
import io.fedgate.certstore.Outcome;
import io.fedgate.certstore.RejectedInputException;
import io.fedgate.certstore.RejectionCode;
import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.check.ExpiringCertificate;
import io.fedgate.certstore.check.ExpiryScan;
import io.fedgate.certstore.check.IdentityPreflight;
import io.fedgate.certstore.check.PreflightReport;
import io.fedgate.certstore.pki.CertificateDecoder;
import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.pki.KeyProtector;
import io.fedgate.certstore.pki.KeyType;
import io.fedgate.certstore.pki.PemEncoder;
import io.fedgate.certstore.pki.UploadLimit;
import io.fedgate.certstore.trust.TrustedCertificates;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate operations of a node: list, show, regenerate, CSR, import the signed certificate,
 * import an identity or trust certificates, delete, export (certificates only), pre- flight and
 * expiry. Mutations validate everything before writing once; a rejected one changed nothing and
 * answers a {@link io.fedgate.certstore.Rejection} with a stable code. Private keys are stored
 * sealed by the {@link KeyProtector} and never answered, except in memory to the TLS factories
 * through {@link #identity}.
 */
public final class CertificateStores {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateStores.class);

  private final CertificateRepository repository;
  private final KeyProtector protector;
  private final Clock clock;
  private final CertificateDecoder decoder;
  private final IdentityEnrollment enrollment;

  public CertificateStores(
      CertificateRepository repository, KeyProtector protector, Clock clock, SecureRandom random) {
    this(repository, protector, clock, random, UploadLimit.DEFAULT);
  }

  public CertificateStores(
      CertificateRepository repository,
      KeyProtector protector,
      Clock clock,
      SecureRandom random,
      UploadLimit limit) {
    this.repository = repository;
    this.protector = protector;
    this.clock = clock;
    this.decoder = new CertificateDecoder(limit);
    this.enrollment = new IdentityEnrollment(repository, protector, clock, random, limit);
  }

  public List<CertificateView> list(StoreName store) {
    return repository.list(store).stream().map(StoredEntries::view).toList();
  }

  public List<CertificateView> listAll() {
    return repository.listAll().stream().map(StoredEntries::view).toList();
  }

  /** The entry, or else its pending request. */
  public Optional<CertificateView> show(StoreName store, String alias) {
    return entryOrPending(store, alias).map(StoredEntries::view);
  }

  /** Replaces the entry with a new self-signed identity for the node's names. */
  public Outcome<CertificateView> regenerate(
      StoreName store, String alias, NodeNames names, Duration validity) {
    return run("regenerate", () -> enrollment.regenerate(store, alias, names, validity));
  }

  /**
   * Generates a key (kept sealed as a pending entry) and answers the PKCS#10 request in PEM, with
   * the node FQDN (and every local domain for {@code cup-xmpp}) as SANs and both EKUs.
   */
  public Outcome<String> generateCsr(
      StoreName store, String alias, NodeNames names, KeyType keyType) {
    return attempt("csr", () -> enrollment.generateCsr(store, alias, names, keyType));
  }

  /** Installs the CA's answer (PEM, DER or PKCS#7) to the pending request. */
  public Outcome<CertificateView> importSigned(StoreName store, String alias, byte[] upload) {
    return run("import-signed", () -> enrollment.importSigned(store, alias, upload));
  }

  /** Installs a key and chain brought by the operator (PKCS#12, or PEM key + chain). */
  public Outcome<CertificateView> importIdentity(
      StoreName store, String alias, byte[] upload, char[] password) {
    return run("import-identity", () -> enrollment.importIdentity(store, alias, upload, password));
  }

  /** Stores the certificates of the upload (PEM, DER or PKCS#7) as one trust entry. */
  public Outcome<CertificateView> importTrust(StoreName store, String alias, byte[] upload) {
    return run(
        "import-trust",
        () -> {
          StoredEntries.requireKind(store, false);
          StoredEntries.requireAlias(alias);
          List<X509Certificate> certificates = decoder.decode(upload);
          CertificateEntry entry =
              CertificateEntry.trust(
                  store, alias, PemEncoder.certificates(certificates), clock.instant());
          CertificateEntry kept =
              repository.find(entry.key()).map(o -> entry.createdAt(o.createdAt())).orElse(entry);
          repository.apply(EntryChanges.put(kept));
          return kept;
        });
  }

  /** Deletes the entry and its pending request, if any. */
  public Outcome<CertificateView> delete(StoreName store, String alias) {
    return run(
        "delete",
        () -> {
          CertificateEntry found = existing(store, alias);
          repository.apply(
              EntryChanges.remove(
                  new EntryKey(store, alias), StoredEntries.pendingKey(store, alias)));
          return found;
        });
  }

  /** The certificates of the entry as PEM, leaf first (the CSR for a pending request). */
  public Outcome<String> exportPem(StoreName store, String alias) {
    return attempt(
        "export",
        () -> {
          CertificateEntry entry = existing(store, alias);
          return entry.kind() == EntryKind.PENDING ? entry.csrPem() : entry.certificatePem();
        });
  }

  /** The certificates of a trust store, for {@link io.fedgate.certstore.trust.PeerTrust}. */
  public TrustedCertificates trusted(StoreName trustStore) {
    List<X509Certificate> certificates = new ArrayList<>();
    repository.list(trustStore).forEach(e -> certificates.addAll(StoredEntries.certificates(e)));
    return new TrustedCertificates(trustStore.storeName(), certificates);
  }

  /** The identity with its key opened, in memory, for the TLS factories. Never for display. */
  public Outcome<Identity> identity(StoreName store, String alias) {
    return attempt(
        "open-identity",
        () -> {
          CertificateEntry entry =
              repository
                  .find(new EntryKey(store, alias))
                  .filter(e -> e.kind() == EntryKind.IDENTITY)
                  .orElseThrow(() -> notFound(store, alias));
          try {
            return new Identity(
                protector.open(entry.sealedPrivateKey(), entry.keyAlgorithm()),
                StoredEntries.certificates(entry));
          } catch (GeneralSecurityException e) {
            throw new RejectedInputException(
                RejectionCode.SEALED_KEY_UNREADABLE,
                "the key of " + entry.key() + " cannot be opened with this node's master key",
                e);
          }
        });
  }

  /** Pre-flight of a stored identity against the node's names and its trust store. */
  public Outcome<PreflightReport> preflight(StoreName store, String alias, NodeNames names) {
    return attempt(
        "preflight",
        () -> {
          CertificateEntry entry =
              repository
                  .find(new EntryKey(store, alias))
                  .filter(e -> e.kind() == EntryKind.IDENTITY)
                  .orElseThrow(() -> notFound(store, alias));
          List<X509Certificate> trusted =
              store.trustStore().map(t -> trusted(t).certificates()).orElse(List.of());
          return new IdentityPreflight(clock)
              .check(store, StoredEntries.certificates(entry), names, trusted);
        });
  }

  /** Every stored certificate that expires within the window (or has expired), soonest first. */
  public List<ExpiringCertificate> expiring(Duration window) {
    return repository.listAll().stream()
        .flatMap(
            e ->
                ExpiryScan.scan(
                    e.store(), e.alias(), StoredEntries.certificates(e), clock.instant(), window)
                    .stream())
        .sorted(Comparator.comparing(ExpiringCertificate::notAfter))
        .toList();
  }

  private Optional<CertificateEntry> entryOrPending(StoreName store, String alias) {
    return repository
        .find(new EntryKey(store, alias))
        .or(() -> repository.find(StoredEntries.pendingKey(store, alias)));
  }

  private CertificateEntry existing(StoreName store, String alias) throws RejectedInputException {
    return entryOrPending(store, alias).orElseThrow(() -> notFound(store, alias));
  }

  private static RejectedInputException notFound(StoreName store, String alias) {
    return new RejectedInputException(
        RejectionCode.NOT_FOUND, "no entry '" + alias + "' in " + store);
  }

  private Outcome<CertificateView> run(String operation, Step<CertificateEntry> step) {
    Outcome<CertificateEntry> outcome = attempt(operation, step);
    return outcome.isAccepted()
        ? Outcome.accepted(StoredEntries.view(outcome.value()))
        : Outcome.rejected(outcome.rejection());
  }

  private static <T> Outcome<T> attempt(String operation, Step<T> step) {
    try {
      return Outcome.accepted(step.run());
    } catch (RejectedInputException e) {
      LOG.info("certs {} refused: {}", operation, e.rejection());
      return Outcome.rejected(e.rejection());
    }
  }

  /** One operation that may refuse its input. */
  @FunctionalInterface
  private interface Step<T> {
    T run() throws RejectedInputException;
  }
}
