package io.fedgate.appliance.certs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.appliance.boot.ListenerId;
import io.fedgate.appliance.service.ServiceComponent;
import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.service.ServiceRegistry;
import io.fedgate.certstore.NodeNames;
import io.fedgate.certstore.RejectionCode;
import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.pki.KeyProtector;
import io.fedgate.certstore.pki.KeyType;
import io.fedgate.certstore.store.CertificateStores;
import io.fedgate.certstore.store.InMemoryCertificateRepository;
import io.fedgate.certstore.testkit.TestFiles;
import io.fedgate.certstore.testkit.TestPki;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which services a certificate change flags, which it reloads live, and what it refuses; over the
 * in-memory repository and a real service registry.
 */
class CertificateAdminTest {
  private static final NodeNames NAMES =
      new NodeNames("imp1.example.com", List.of("example.com"), List.of("localhost"));

  private final InMemoryCertificateRepository repository = new InMemoryCertificateRepository();
  private final CertificateStores stores =
      new CertificateStores(
          repository,
          new KeyProtector(new byte[32], new SecureRandom()),
          TestPki.clock(),
          new SecureRandom());
  private final ServiceRegistry services = new ServiceRegistry(idle(), TestPki.clock());
  private final AtomicInteger recounts = new AtomicInteger();

  @AfterEach
  void close() {
    services.close();
  }

  private static Map<ServiceName, ServiceComponent> idle() {
    Map<ServiceName, ServiceComponent> components = new EnumMap<>(ServiceName.class);
    for (ServiceName name : ServiceName.values()) {
      components.put(
          name,
          new ServiceComponent() {
            @Override
            public void start() {}

            @Override
            public void stop() {}
          });
    }
    return components;
  }

  private CertificateAdmin admin(IdentityReload reload) {
    services.startAll();
    return new CertificateAdmin(
        actor -> stores,
        new IdentityNames(NAMES, NAMES),
        new StoreEffects(services, reload, recounts::incrementAndGet),
        EnumSet.of(ListenerId.SIP_PEER_AUTH, ListenerId.ADMIN));
  }

  private byte[] root() {
    return TestFiles.pem(List.of(TestPki.shared().root().certificate()));
  }

  @Test
  void trustForSipFlagsOnlyTheSipProxyAndShowsTheEnabledListeners() {
    var changed = admin(IdentityReload.NONE).importTrust("alice", StoreName.CUP_TRUST, "r", root());

    assertThat(changed.value().restartRequired()).containsExactly(ServiceName.SIP_PROXY);
    assertThat(changed.value().certificate().listeners()).containsExactly("sip-peer-auth");
    assertThat(services.status(ServiceName.SIP_PROXY).restartReasons())
        .containsExactly("certificate store cup-trust changed");
    assertThat(services.status(ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER).restartRequired())
        .isFalse();
    assertThat(recounts).hasValue(1);
  }

  @Test
  void theXmppIdentityFlagsBothXmppServices() {
    var changed =
        admin(IdentityReload.NONE).regenerate("alice", StoreName.CUP_XMPP, Duration.ofDays(30));

    assertThat(changed.value().restartRequired())
        .containsExactlyInAnyOrder(
            ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER, ServiceName.XMPP_CONNECTION_MANAGER);
    assertThat(changed.value().certificate().alias()).isEqualTo("cup-xmpp");
  }

  @Test
  void theAdminIdentityIsReloadedLiveWhenTheEndpointCan() {
    var changed =
        admin(store -> store == StoreName.ADMIN)
            .regenerate("alice", StoreName.ADMIN, Duration.ofDays(30));

    assertThat(changed.value().appliedLive()).containsExactly(ServiceName.ADMIN_WEB);
    assertThat(changed.value().restartRequired()).isEmpty();
    assertThat(services.status(ServiceName.ADMIN_WEB).restartRequired()).isFalse();
  }

  @Test
  void aFailedReloadFlagsTheAdminWebWithWhatToDo() {
    var changed =
        admin(IdentityReload.NONE).regenerate("alice", StoreName.ADMIN, Duration.ofDays(30));

    assertThat(changed.value().restartRequired()).containsExactly(ServiceName.ADMIN_WEB);
    assertThat(services.status(ServiceName.ADMIN_WEB).restartReasons())
        .containsExactly(
            "admin identity changed; the admin endpoint picks it up at the next node restart");
  }

  @Test
  void aCsrChangesNothingInUse() {
    var csr = admin(IdentityReload.NONE).generateCsr("alice", StoreName.CUP, KeyType.EC_P256);

    assertThat(csr.value()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
    assertThat(services.statuses()).noneMatch(s -> s.restartRequired());
  }

  @Test
  void theIdentityInUseCannotBeDeletedAndRefusalsFlagNothing() {
    CertificateAdmin admin = admin(IdentityReload.NONE);
    stores.regenerate(StoreName.CUP, "cup", NAMES, Duration.ofDays(30)).value();
    var before = repository.listAll();

    var refused = admin.delete("alice", StoreName.CUP, "cup");
    var garbage = admin.importTrust("alice", StoreName.CUP_TRUST, "x", new byte[] {1, 2, 3});

    assertThat(refused.rejection().code()).isEqualTo(RejectionCode.INVALID_ARGUMENT);
    assertThat(garbage.rejection().code()).isEqualTo(RejectionCode.UNPARSEABLE);
    assertThat(repository.listAll()).isEqualTo(before);
    assertThat(services.statuses()).noneMatch(s -> s.restartRequired());
    assertThat(recounts).hasValue(0);
  }

  @Test
  void stoppedServicesAreNotFlagged() {
    CertificateAdmin admin = admin(IdentityReload.NONE);
    services.stop(ServiceName.SIP_PROXY);

    var changed = admin.importTrust("alice", StoreName.CUP_TRUST, "r", root());

    assertThat(changed.value().restartRequired()).isEqualTo(Set.of());
  }
}
