package io.fedgate.certstore.store;

import io.fedgate.certstore.NodeNames;
import io.fedgate.certstore.RejectedInputException;
import io.fedgate.certstore.RejectionCode;
import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.pki.CertificateDecoder;
import io.fedgate.certstore.pki.CertificateDetails;
import io.fedgate.certstore.pki.ChainAssembler;
import io.fedgate.certstore.pki.ChainPath;
import io.fedgate.certstore.pki.CsrFactory;
import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.pki.IdentityDecoder;
import io.fedgate.certstore.pki.KeyPairCheck;
import io.fedgate.certstore.pki.KeyProtector;
import io.fedgate.certstore.pki.KeyStrength;
import io.fedgate.certstore.pki.KeyType;
import io.fedgate.certstore.pki.PemEncoder;
import io.fedgate.certstore.pki.SelfSignedIdentityFactory;
import io.fedgate.certstore.pki.UploadLimit;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity mutations behind {@link CertificateStores}: regenerate, CSR, import the signed
 * certificate, import a whole identity. Each validates everything first and then writes once.
 */
final class IdentityEnrollment {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityEnrollment.class);

  private final CertificateRepository repository;
  private final KeyProtector protector;
  private final Clock clock;
  private final SecureRandom random;
  private final CertificateDecoder certificates;
  private final IdentityDecoder identities;

  IdentityEnrollment(
      CertificateRepository repository,
      KeyProtector protector,
      Clock clock,
      SecureRandom random,
      UploadLimit limit) {
    this.repository = repository;
    this.protector = protector;
    this.clock = clock;
    this.random = random;
    this.certificates = new CertificateDecoder(limit);
    this.identities = new IdentityDecoder(limit);
  }

  CertificateEntry regenerate(StoreName store, String alias, NodeNames names, Duration validity)
      throws RejectedInputException {
    requireIdentityAlias(store, alias);
    if (validity.isNegative() || validity.isZero()) {
      throw new RejectedInputException(
          RejectionCode.INVALID_ARGUMENT, "the validity must be positive, not " + validity);
    }
    Identity identity =
        new SelfSignedIdentityFactory(clock, random)
            .create(names.fqdn(), names.subjectAltNamesFor(store), validity);
    LOG.info("regenerated self-signed identity {}/{}", store, alias);
    return putIdentity(store, alias, identity);
  }

  String generateCsr(StoreName store, String alias, NodeNames names, KeyType keyType)
      throws RejectedInputException {
    requireIdentityAlias(store, alias);
    CsrFactory.PendingRequest request =
        new CsrFactory(random).create(names.fqdn(), names.subjectAltNamesFor(store), keyType);
    PrivateKey key = request.privateKey();
    EntryKey pending = StoredEntries.pendingKey(store, alias);
    repository.apply(
        EntryChanges.put(
            CertificateEntry.pending(
                store,
                pending.alias(),
                request.csrPem(),
                key.getAlgorithm(),
                protector.seal(key),
                clock.instant())));
    LOG.info(
        "generated a {} CSR for {}/{} with SANs {}",
        keyType,
        store,
        alias,
        names.subjectAltNamesFor(store));
    return request.csrPem();
  }

  CertificateEntry importSigned(StoreName store, String alias, byte[] upload)
      throws RejectedInputException {
    requireIdentityAlias(store, alias);
    EntryKey pendingKey = StoredEntries.pendingKey(store, alias);
    CertificateEntry pending =
        repository
            .find(pendingKey)
            .orElseThrow(
                () ->
                    new RejectedInputException(
                        RejectionCode.NO_PENDING_REQUEST,
                        "no CSR is pending for " + store + "/" + alias + "; generate one first"));
    List<X509Certificate> uploaded = certificates.decode(upload);
    PrivateKey key = open(pending);
    X509Certificate leaf =
        uploaded.stream()
            .filter(c -> KeyPairCheck.matches(key, c.getPublicKey()))
            .findFirst()
            .orElseThrow(() -> keyMismatch(store, alias, uploaded.get(0)));
    Identity identity = new Identity(key, completeChain(store, leaf, uploaded));
    LOG.info("imported the signed certificate for {}/{}", store, alias);
    return write(store, alias, identity, pending.sealedPrivateKey(), List.of(pendingKey));
  }

  CertificateEntry importIdentity(StoreName store, String alias, byte[] upload, char[] password)
      throws RejectedInputException {
    requireIdentityAlias(store, alias);
    Identity decoded = identities.decode(upload, password);
    Identity identity =
        new Identity(decoded.privateKey(), completeChain(store, decoded.leaf(), decoded.chain()));
    LOG.info("imported identity {}/{}", store, alias);
    return putIdentity(store, alias, identity);
  }

  private CertificateEntry putIdentity(StoreName store, String alias, Identity identity)
      throws RejectedInputException {
    return write(store, alias, identity, protector.seal(identity.privateKey()), List.of());
  }

  private CertificateEntry write(
      StoreName store, String alias, Identity identity, byte[] sealed, List<EntryKey> removals)
      throws RejectedInputException {
    KeyStrength strength = KeyStrength.of(identity.leaf().getPublicKey());
    if (!strength.acceptable()) {
      throw new RejectedInputException(
          RejectionCode.UNSUPPORTED_KEY,
          "the key of '%s' is %s; fedgate needs RSA >= 2048 or EC >= 256"
              .formatted(identity.leaf().getSubjectX500Principal().getName(), strength));
    }
    var now = clock.instant();
    EntryKey key = new EntryKey(store, alias);
    CertificateEntry entry =
        CertificateEntry.identity(
            store,
            alias,
            PemEncoder.certificates(identity.chain()),
            identity.privateKey().getAlgorithm(),
            sealed,
            now);
    CertificateEntry kept =
        repository.find(key).map(old -> entry.createdAt(old.createdAt())).orElse(entry);
    repository.apply(new EntryChanges(List.of(kept), removals));
    return kept;
  }

  /** The path from the leaf to a root in the upload or to the matching trust store. */
  private List<X509Certificate> completeChain(
      StoreName store, X509Certificate leaf, List<X509Certificate> others)
      throws RejectedInputException {
    List<X509Certificate> trusted =
        store.trustStore().map(this::trustedCertificates).orElse(List.of());
    ChainPath path = ChainAssembler.assemble(leaf, others, trusted);
    String where =
        store
            .trustStore()
            .map(
                t ->
                    "neither in the upload nor in "
                        + t
                        + "; upload the whole chain or import the CA into "
                        + t
                        + " first")
            .orElse("not in the upload; upload the whole chain up to the root");
    return switch (path.end()) {
      case ANCHORED, UNTRUSTED_ROOT -> path.certificates();
      case MISSING_ISSUER ->
          throw new RejectedInputException(
              RejectionCode.INCOMPLETE_CHAIN,
              "the chain is incomplete: the issuer '%s' of '%s' is %s"
                  .formatted(
                      path.last().getIssuerX500Principal().getName(),
                      path.last().getSubjectX500Principal().getName(),
                      where));
      case BAD_SIGNATURE ->
          throw new RejectedInputException(
              RejectionCode.BROKEN_CHAIN,
              "'%s' is not signed by the certificate named '%s'"
                  .formatted(
                      path.last().getSubjectX500Principal().getName(),
                      path.last().getIssuerX500Principal().getName()));
    };
  }

  private List<X509Certificate> trustedCertificates(StoreName trustStore) {
    return repository.list(trustStore).stream()
        .flatMap(e -> StoredEntries.certificates(e).stream())
        .toList();
  }

  private PrivateKey open(CertificateEntry entry) throws RejectedInputException {
    try {
      return protector.open(entry.sealedPrivateKey(), entry.keyAlgorithm());
    } catch (GeneralSecurityException e) {
      throw new RejectedInputException(
          RejectionCode.SEALED_KEY_UNREADABLE,
          "the key of " + entry.key() + " cannot be opened with this node's master key",
          e);
    }
  }

  private static RejectedInputException keyMismatch(
      StoreName store, String alias, X509Certificate uploaded) {
    return new RejectedInputException(
        RejectionCode.KEY_MISMATCH,
        "the certificate '%s' (SHA-256 %s) does not belong to the key of the CSR pending for %s/%s; was it issued for another request?"
            .formatted(
                uploaded.getSubjectX500Principal().getName(),
                CertificateDetails.sha256Fingerprint(uploaded),
                store,
                alias));
  }

  private static void requireIdentityAlias(StoreName store, String alias)
      throws RejectedInputException {
    StoredEntries.requireKind(store, true);
    StoredEntries.requireAlias(alias);
  }
}
