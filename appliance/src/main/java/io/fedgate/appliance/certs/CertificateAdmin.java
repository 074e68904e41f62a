package io.fedgate.appliance.certs;

import io.fedgate.appliance.boot.ListenerId;
import io.fedgate.appliance.service.ServiceName;
import io.fedgate.certstore.Outcome;
import io.fedgate.certstore.RejectionCode;
import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.check.PreflightReport;
import io.fedgate.certstore.pki.KeyType;
import io.fedgate.certstore.store.CertificateStores;
import io.fedgate.certstore.store.CertificateView;
import io.fedgate.certstore.store.EntryKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The certificate operations of a running node, for the REST API and the CLI. Each mutation runs
 * through {@link CertificateStores} over a repository that audits in the name of the acting
 * administrator (in the same transaction as the change); an accepted one then flags or reloads the
 * services that use the store ({@link StoreEffects}). A rejected one changed nothing, audited
 * nothing and answers the cert-store {@link io.fedgate.certstore.Rejection}. Views never hold a
 * key.
 */
public final class CertificateAdmin {
  /** Validity of a regenerated self-signed identity, as on first start. */
  public static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(2 * 365);

  /** An accepted change: the entry as it is now and what it did to the services. */
  public record Changed(
      CertificateView certificate,
      Set<ServiceName> appliedLive,
      Set<ServiceName> restartRequired) {}

  private final Function<String, CertificateStores> storesFor;
  private final IdentityNames names;
  private final StoreEffects effects;
  private final Set<ListenerId> enabledListeners;

  /**
   * @param storesFor the node's stores, auditing changes in the name of the given actor
   * @param enabledListeners the listeners opened by this node (shown with the stores they use)
   */
  public CertificateAdmin(
      Function<String, CertificateStores> storesFor,
      IdentityNames names,
      StoreEffects effects,
      Set<ListenerId> enabledListeners) {
    this.storesFor = storesFor;
    this.names = names;
    this.effects = effects;
    this.enabledListeners = Set.copyOf(enabledListeners);
  }

  /** Every entry of one store, or of all stores, with the listeners that use it. */
  public List<CertificateView> list(Optional<StoreName> store) {
    CertificateStores stores = reader();
    List<CertificateView> views = store.map(stores::list).orElseGet(stores::listAll);
    return views.stream().map(this::withListeners).toList();
  }

  public Optional<CertificateView> show(StoreName store, String alias) {
    return reader().show(store, alias).map(this::withListeners);
  }

  /**
   * Pre-flight of a stored identity (the one a store presents has alias = store name): SANs cover
   * the node FQDN and every local domain, both EKUs, key size, validity, chain to the matching
   * trust store.
   */
  public Outcome<PreflightReport> preflight(StoreName store, String alias) {
    return reader().preflight(store, alias, names.request());
  }

  /** The certificates of the entry as PEM (the CSR of a pending request); never a key. */
  public Outcome<String> export(StoreName store, String alias) {
    return reader().exportPem(store, alias);
  }

  public Outcome<Changed> importTrust(String actor, StoreName store, String alias, byte[] upload) {
    return changed(
        store, alias, "import-trust", storesFor.apply(actor).importTrust(store, alias, upload));
  }

  /** Installs a key and chain (PKCS#12, or PEM key + chain) as the store's identity. */
  public Outcome<Changed> importIdentity(
      String actor, StoreName store, byte[] upload, char[] password) {
    String alias = StoreUsage.activeAlias(store);
    return changed(
        store,
        alias,
        "import-identity",
        storesFor.apply(actor).importIdentity(store, alias, upload, password));
  }

  /** A new key kept sealed as a pending request; answers the CSR. Nothing in use changes. */
  public Outcome<String> generateCsr(String actor, StoreName store, KeyType keyType) {
    return storesFor
        .apply(actor)
        .generateCsr(store, StoreUsage.activeAlias(store), names.request(), keyType);
  }

  /** Installs the CA's answer to the store's pending request as its identity. */
  public Outcome<Changed> importSigned(String actor, StoreName store, byte[] upload) {
    String alias = StoreUsage.activeAlias(store);
    return changed(
        store, alias, "import-signed", storesFor.apply(actor).importSigned(store, alias, upload));
  }

  /** Replaces the store's identity with a new self-signed one for the node's names. */
  public Outcome<Changed> regenerate(String actor, StoreName store, Duration validity) {
    String alias = StoreUsage.activeAlias(store);
    return changed(
        store,
        alias,
        "regenerate",
        storesFor.apply(actor).regenerate(store, alias, names.selfSigned(), validity));
  }

  /**
   * Deletes an entry. The identity the node presents cannot be deleted (regenerate or import
   * another one instead): a node without it could not open its listeners.
   */
  public Outcome<Changed> delete(String actor, StoreName store, String alias) {
    if (store.isIdentityStore() && StoreUsage.activeAlias(store).equals(alias)) {
      return Outcome.rejected(
          RejectionCode.INVALID_ARGUMENT,
          store
              + "/"
              + alias
              + " is the identity the node presents; regenerate it or import another one instead"
              + " of deleting it");
    }
    return changed(store, alias, "delete", storesFor.apply(actor).delete(store, alias));
  }

  private Outcome<Changed> changed(
      StoreName store, String alias, String operation, Outcome<CertificateView> outcome) {
    if (!outcome.isAccepted()) {
      return Outcome.rejected(outcome.rejection());
    }
    StoreEffects.Effect effect = effects.changed(store, alias, operation);
    return Outcome.accepted(
        new Changed(
            withListeners(outcome.value()), effect.appliedLive(), effect.restartRequired()));
  }

  private CertificateStores reader() {
    return storesFor.apply("system");
  }

  private CertificateView withListeners(CertificateView view) {
    if (view.kind() == EntryKind.PENDING || !StoreUsage.inUse(view.store(), view.alias())) {
      return view.withListeners(List.of());
    }
    return view.withListeners(
        StoreUsage.listeners(view.store()).stream()
            .filter(enabledListeners::contains)
            .map(ListenerId::id)
            .toList());
  }
}
