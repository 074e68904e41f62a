package io.fedgate.appliance.node;

import io.fedgate.appliance.admin.AdminServer;
import io.fedgate.appliance.admin.NodeControl;
import io.fedgate.appliance.admin.NodeStatus;
import io.fedgate.appliance.boot.BootConfig;
import io.fedgate.appliance.boot.ListenerId;
import io.fedgate.appliance.certs.CertificateAdmin;
import io.fedgate.appliance.certs.ExpirySchedule;
import io.fedgate.appliance.certs.TlsSettingsAdmin;
import io.fedgate.appliance.config.ConfigChanges;
import io.fedgate.appliance.doctor.DnsLookup;
import io.fedgate.appliance.doctor.DoctorDns;
import io.fedgate.appliance.doctor.FederationDoctor;
import io.fedgate.appliance.doctor.S2sProbe;
import io.fedgate.appliance.federation.FederationAdmin;
import io.fedgate.appliance.federation.XmppSettings;
import io.fedgate.appliance.params.RuntimeParameters;
import io.fedgate.appliance.s2s.S2sMonitor;
import io.fedgate.appliance.security.AdminAccounts;
import io.fedgate.appliance.security.PasswordHasher;
import io.fedgate.appliance.security.SecretSealer;
import io.fedgate.appliance.security.Tokens;
import io.fedgate.appliance.service.ServiceComponent;
import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.service.ServiceRegistry;
import io.fedgate.appliance.store.AuditEntry;
import io.fedgate.appliance.store.AuditLog;
import io.fedgate.appliance.store.Database;
import io.fedgate.appliance.store.JdbcLocalUsers;
import io.fedgate.appliance.store.NodeSettings;
import io.fedgate.appliance.users.UserAdmin;
import io.fedgate.appliance.users.UserDirectory;
import io.fedgate.appliance.users.UserValidation;
import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.pki.KeyProtector;
import io.fedgate.certstore.tls.TlsPeerSubject;
import io.fedgate.xmpp.c2s.LocalSessions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running fedgate node: the composition root. {@link #start} locks the data directory, opens and
 * migrates the config database, makes sure the identities and the admin account exist, opens the
 * admin endpoint and starts the services; {@link #close} undoes it in reverse order.
 */
public final class Node implements NodeControl, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Node.class);
  private static final Duration DOCTOR_TIMEOUT = Duration.ofSeconds(5);

  private final BootConfig config;
  private final Clock clock;
  private final Instant startedAt;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private DataDirectory dataDir;
  private Database database;
  private AuditLog audit;
  private ServiceRegistry services;
  private RuntimeParameters parameters;
  private AdminServer admin;
  private FederationAdmin federation;
  private NodeCertificates certificateStores;
  private CertificateAdmin certificates;
  private TlsSettingsAdmin tlsSettings;
  private FederationDoctor doctor;
  private UserAdmin users;
  private S2sMonitor s2s;
  private NodeTraffic traffic;

  private Node(BootConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  /**
   * Starts a node. Prints the generated admin password to {@code console} the first time only.
   *
   * @throws DataDirectoryInUseException when another node holds the data directory
   */
  public static Node start(BootConfig config, Clock clock, PrintWriter console) throws IOException {
    return start(config, DataDirectory.lock(config.dataDir()), clock, console);
  }

  /** Starts a node on a data directory the caller has already locked; the node releases it. */
  public static Node start(
      BootConfig config, DataDirectory dataDir, Clock clock, PrintWriter console)
      throws IOException {
    Node node = new Node(config, clock);
    try {
      node.open(dataDir, console);
      return node;
    } catch (IOException | RuntimeException e) {
      node.close();
      throw e;
    }
  }

  private void open(DataDirectory lockedDataDir, PrintWriter console) throws IOException {
    SecureRandom random = new SecureRandom();
    dataDir = lockedDataDir;
    resources.add(dataDir);
    log.info("data directory {}", dataDir.root());
    database = Database.open(config.effectiveDbUrl(), config.dbUser(), config.dbPassword());
    resources.add(database);
    audit = new AuditLog(clock);
    byte[] masterKey = dataDir.masterKey(random);
    KeyProtector protector = new KeyProtector(masterKey, random);
    certificateStores = new NodeCertificates(config, database, audit, protector, clock, random);
    Identity adminIdentity = certificateStores.ensureIdentities();
    AdminAccounts accounts = new AdminAccounts(database, audit, new PasswordHasher(random), clock);
    LocalCredential credential = ensureAdmin(accounts, new Tokens(random), console);
    credential.write(dataDir.secrets());

    UserDirectory directory = new UserDirectory();
    LocalSessions sessions = new LocalSessions();
    Map<ServiceName, ServiceComponent> components =
        ServiceComponents.create(
            config,
            database,
            certificateStores,
            directory,
            sessions,
            () -> parameters,
            () -> federation,
            () -> tlsSettings.peerSubjects().stream().map(TlsPeerSubject::subjectName).toList(),
            clock,
            random);
    s2s = (S2sMonitor) components.get(ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER);
    services = new ServiceRegistry(components, clock);
    resources.add(services);
    parameters = new RuntimeParameters(database, new NodeSettings(clock), audit, services);
    users =
        new UserAdmin(
            new ConfigChanges(database, audit, services),
            new JdbcLocalUsers(clock),
            new UserValidation(config.localDomains()),
            directory,
            sessions,
            random);
    federation =
        FederationAdmin.create(
            new ConfigChanges(database, audit, services),
            parameters,
            clock,
            random,
            new FederationAdmin.XmppWiring(
                new SecretSealer(masterKey, random), config.localDomains()));
    AdminIdentityReload adminReload =
        new AdminIdentityReload(certificateStores, () -> admin, dataDir.run());
    certificates = certificateStores.certificateAdmin(services, adminReload);
    tlsSettings = certificateStores.tlsSettingsAdmin(services);
    doctor =
        new FederationDoctor(
            new FederationDoctor.Sources(
                federation,
                () -> tlsSettings.peerSubjects().stream().map(TlsPeerSubject::subjectName).toList(),
                certificateStores::identity,
                certificateStores::trusted,
                () ->
                    XmppSettings.resolverAddress(federation.xmppSettings().show().dnsResolver())
                        .<DnsLookup>map(address -> DoctorDns.at(address, DOCTOR_TIMEOUT))
                        .orElseGet(DoctorDns::system),
                () ->
                    s2s.active()
                        ? Optional.of(new S2sProbe(s2s, DOCTOR_TIMEOUT.multipliedBy(3)))
                        : Optional.empty(),
                domain ->
                    federation.xmppSettings().show().dnsOverrides().stream()
                        .filter(o -> o.domain().equals(domain))
                        .findFirst()
                        .map(o -> new DnsLookup.SrvTarget(0, 0, o.port(), o.host())),
                config.nodeFqdn()),
            clock,
            DOCTOR_TIMEOUT);
    traffic = new NodeTraffic(services, sessions, clock);
    resources.add(traffic);
    NodeMetrics metrics = new NodeMetrics(services);
    resources.add(metrics);
    metrics.bind(certificateStores.expiry());
    admin =
        new AdminServer(
            config.listener(ListenerId.ADMIN),
            TlsContexts.server(adminIdentity),
            accounts,
            this,
            metrics,
            clock,
            random);
    resources.add(admin);
    admin.start();
    adminReload.publish(adminIdentity);
    services.startAll();
    ExpirySchedule expiry = new ExpirySchedule(certificateStores.expiry());
    resources.add(expiry);
    expiry.start();
    log.info(
        "fedgate {} up in {} ms: admin {}, database {}, logs {}",
        config.nodeFqdn(),
        Duration.between(startedAt, clock.instant()).toMillis(),
        admin.url(),
        database.description(),
        dataDir.logs());
  }

  private LocalCredential ensureAdmin(AdminAccounts accounts, Tokens tokens, PrintWriter console) {
    String token = tokens.newToken();
    if (accounts.exists(AdminAccounts.DEFAULT_ADMIN)) {
      accounts.replaceToken(
          "system", AdminAccounts.DEFAULT_ADMIN, LocalCredential.TOKEN_NAME, token);
    } else {
      String password = tokens.newPassword();
      accounts.create(
          "system",
          AdminAccounts.DEFAULT_ADMIN,
          password.toCharArray(),
          LocalCredential.TOKEN_NAME,
          token);
      // Printed once, to the console only: it is never logged and only its hash is stored.
      console.println();
      console.println("  fedgate admin account created.");
      console.println("  user:     " + AdminAccounts.DEFAULT_ADMIN);
      console.println("  password: " + password);
      console.println("  (shown once; the CLI on this host needs no password)");
      console.println();
      console.flush();
    }
    return new LocalCredential(AdminAccounts.DEFAULT_ADMIN, token);
  }

  public URI adminUrl() {
    return admin.url();
  }

  public BootConfig config() {
    return config;
  }

  @Override
  public NodeStatus status() {
    return new NodeStatusView(
            config,
            services,
            admin,
            dataDir,
            database,
            certificateStores.expiry(),
            startedAt,
            clock)
        .build();
  }

  @Override
  public ServiceRegistry services() {
    return services;
  }

  @Override
  public RuntimeParameters parameters() {
    return parameters;
  }

  @Override
  public FederationAdmin federation() {
    return federation;
  }

  @Override
  public CertificateAdmin certificates() {
    return certificates;
  }

  @Override
  public TlsSettingsAdmin tlsSettings() {
    return tlsSettings;
  }

  @Override
  public FederationDoctor doctor() {
    return doctor;
  }

  @Override
  public UserAdmin users() {
    return users;
  }

  @Override
  public S2sMonitor s2s() {
    return s2s;
  }

  @Override
  public NodeTraffic traffic() {
    return traffic;
  }

  @Override
  public List<io.fedgate.appliance.store.JdbcRosters.Row> roster(long userId) {
    return database.inTransaction(
        c -> new io.fedgate.appliance.store.JdbcRosters().load(c, userId).rows());
  }

  @Override
  public void audit(
      String actor,
      String objectType,
      String objectId,
      AuditEntry.ChangeKind kind,
      String before,
      String after) {
    database.inTransaction(
        c -> {
          audit.record(c, actor, objectType, objectId, kind, before, after);
          return null;
        });
  }

  @Override
  public List<AuditEntry> recentAudit(int limit) {
    return database.inTransaction(c -> audit.recent(c, limit));
  }

  /** Stops the services, the admin endpoint and the database, then releases the data directory. */
  @Override
  public void close() {
    if (services != null) {
      services.stopAll();
    }
    if (dataDir != null) {
      try {
        RunInfo.delete(dataDir.run());
      } catch (IOException e) {
        log.warn("could not remove run files in {}: {}", dataDir.run(), e.getMessage());
      }
    }
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        log.warn(
            "error while closing {}: {}",
            resources.get(i).getClass().getSimpleName(),
            e.toString());
      }
    }
    resources.clear();
    log.info("fedgate {} stopped", config.nodeFqdn());
  }
}
