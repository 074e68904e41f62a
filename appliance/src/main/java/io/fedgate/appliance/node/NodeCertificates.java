package io.fedgate.appliance.node;

import io.fedgate.appliance.boot.BootConfig;
import io.fedgate.appliance.boot.ListenerId;
import io.fedgate.appliance.certs.CertificateAdmin;
import io.fedgate.appliance.certs.CertificateExpiry;
import io.fedgate.appliance.certs.IdentityNames;
import io.fedgate.appliance.certs.IdentityReload;
import io.fedgate.appliance.certs.StoreEffects;
import io.fedgate.appliance.certs.StoreUsage;
import io.fedgate.appliance.certs.TlsSettingsAdmin;
import io.fedgate.appliance.service.ServiceRegistry;
import io.fedgate.appliance.store.AuditLog;
import io.fedgate.appliance.store.Database;
import io.fedgate.appliance.store.JdbcCertificateRepository;
import io.fedgate.appliance.store.JdbcTlsSettingsRepository;
import io.fedgate.certstore.Outcome;
import io.fedgate.certstore.RejectionCode;
import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.pki.KeyProtector;
import io.fedgate.certstore.store.CertificateStores;
import io.fedgate.certstore.trust.TrustedCertificates;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's certificate stores and TLS settings over the config database: one {@link
 * CertificateStores} per acting administrator (changes audited in their name), the identities the
 * node cannot run without, and the services built on them.
 */
final class NodeCertificates {
  private static final Logger log = LoggerFactory.getLogger(NodeCertificates.class);
  private static final String SYSTEM = "system";
  private static final List<StoreName> NODE_IDENTITIES =
      List.of(StoreName.CUP, StoreName.CUP_XMPP, StoreName.ADMIN);

  private final BootConfig config;
  private final JdbcCertificateRepository certificates;
  private final JdbcTlsSettingsRepository tlsSettings;
  private final KeyProtector protector;
  private final Clock clock;
  private final SecureRandom random;
  private final IdentityNames names;
  private final CertificateExpiry expiry;

  NodeCertificates(
      BootConfig config,
      Database database,
      AuditLog audit,
      KeyProtector protector,
      Clock clock,
      SecureRandom random) {
    this.config = config;
    this.certificates = new JdbcCertificateRepository(database, audit, SYSTEM);
    this.tlsSettings = new JdbcTlsSettingsRepository(database, audit, SYSTEM);
    this.protector = protector;
    this.clock = clock;
    this.random = random;
    this.names = IdentityNames.of(config);
    this.expiry = new CertificateExpiry(() -> storesFor(SYSTEM), clock);
  }

  /**
   * Loads the {@code cup}, {@code cup-xmpp} and {@code admin} identities, generating a self-signed
   * one (sealed, audited as "system") for each that is missing: on first start, all three.
   *
   * @return the admin identity, for the admin endpoint
   * @throws IllegalStateException when a stored identity cannot be opened (another master key)
   */
  Identity ensureIdentities() {
    for (StoreName store : NODE_IDENTITIES) {
      Outcome<Identity> found = identity(store);
      if (found.isAccepted()) {
        continue;
      }
      if (found.rejection().code() != RejectionCode.NOT_FOUND) {
        throw new IllegalStateException(
            "the " + store + " identity cannot be used: " + found.rejection());
      }
      var created =
          storesFor(SYSTEM)
              .regenerate(
                  store,
                  StoreUsage.activeAlias(store),
                  names.selfSigned(),
                  CertificateAdmin.SELF_SIGNED_VALIDITY);
      if (!created.isAccepted()) {
        throw new IllegalStateException(
            "cannot generate the " + store + " identity: " + created.rejection());
      }
      log.info(
          "generated a self-signed {} identity for {} (SANs {}), valid until {}",
          store,
          names.selfSigned().fqdn(),
          names.selfSigned().subjectAltNamesFor(store),
          created.value().leaf().orElseThrow().notAfter());
    }
    return identity(StoreName.ADMIN).value();
  }

  /** The identity the node presents from an identity store, its key opened in memory. */
  Outcome<Identity> identity(StoreName store) {
    return storesFor(SYSTEM).identity(store, StoreUsage.activeAlias(store));
  }

  /**
   * The certificates of a trust store ({@code cup-trust}, {@code cup-xmpp-trust}) as they are now;
   * read again on each call, so a federation link opened after an upload sees it.
   */
  TrustedCertificates trusted(StoreName trustStore) {
    return storesFor(SYSTEM).trusted(trustStore);
  }

  CertificateAdmin certificateAdmin(ServiceRegistry services, IdentityReload reload) {
    return new CertificateAdmin(
        this::storesFor,
        names,
        new StoreEffects(services, reload, expiry::refresh),
        enabledListeners());
  }

  TlsSettingsAdmin tlsSettingsAdmin(ServiceRegistry services) {
    return new TlsSettingsAdmin(tlsSettings::as, services, clock);
  }

  CertificateExpiry expiry() {
    return expiry;
  }

  private CertificateStores storesFor(String actor) {
    return new CertificateStores(certificates.as(actor), protector, clock, random);
  }

  private Set<ListenerId> enabledListeners() {
    return Arrays.stream(ListenerId.values())
        .filter(id -> config.listener(id).enabled())
        .collect(Collectors.toUnmodifiableSet());
  }
}
