package io.fedgate.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.appliance.store.JdbcXmppPartners.XmppPartner;
import io.fedgate.appliance.store.JdbcXmppSettings.DnsOverride;
import io.fedgate.appliance.store.JdbcXmppSettings.Stored;
import io.fedgate.xmpp.s2s.Negotiation;
import io.fedgate.xmpp.s2s.PartnerType;
import io.fedgate.xmpp.s2s.SecurityMode;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The XMPP federation stores (V2) on every supported engine (subclasses: H2, PostgreSQL). */
abstract class XmppFederationStoreChecks {
  private final Clock clock = Clock.systemUTC();
  Database database;

  abstract String url();

  abstract String user();

  @BeforeEach
  void open() {
    database = Database.open(url(), user(), "");
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void settingsStartAsOnImpAndKeepEveryField() {
    JdbcXmppSettings settings = new JdbcXmppSettings(clock);

    Stored fresh = database.inTransaction(settings::load);
    assertThat(fresh.enabled()).isFalse();
    assertThat(fresh.securityMode()).isEqualTo(SecurityMode.TLS_REQUIRED);
    assertThat(fresh.sealedDialbackSecret()).isNull();
    assertThat(fresh.dnsResolver()).isEmpty();

    byte[] sealed = {1, 2, 3, 4, 5};
    database.inTransaction(
        c -> {
          settings.save(
              c,
              new Stored(true, SecurityMode.NO_TLS, false, false, false, sealed, "127.0.0.53:53"));
          return null;
        });
    Stored stored = database.inTransaction(settings::load);

    assertThat(stored.enabled()).isTrue();
    assertThat(stored.securityMode()).isEqualTo(SecurityMode.NO_TLS);
    assertThat(stored.requireClientCertificate()).isFalse();
    assertThat(stored.saslExternalInbound()).isFalse();
    assertThat(stored.saslExternalOutbound()).isFalse();
    assertThat(stored.sealedDialbackSecret()).containsExactly(sealed);
    assertThat(stored.dnsResolver()).isEqualTo("127.0.0.53:53");
  }

  @Test
  void dnsOverridesRoundTrip() {
    JdbcXmppSettings settings = new JdbcXmppSettings(clock);
    DnsOverride override = new DnsOverride("prosody.test", "127.0.0.21", 25269, "lab");

    database.inTransaction(
        c -> {
          settings.insertOverride(c, override);
          return null;
        });
    assertThat(database.inTransaction(settings::overrides)).containsExactly(override);
    database.inTransaction(
        c -> {
          settings.deleteOverride(c, "prosody.test");
          return null;
        });
    assertThat(database.inTransaction(settings::overrides)).isEmpty();
  }

  @Test
  void partnersRoundTripWithEveryField() {
    JdbcXmppPartners partners = new JdbcXmppPartners(clock);
    XmppPartner partner =
        new XmppPartner(
            0,
            "partner.example",
            List.of("chat.partner.example", "muc.partner.example"),
            "a partner",
            PartnerType.PUBLIC_UNVERIFIED,
            Negotiation.OPTIONAL,
            Negotiation.NOT_SUPPORTED,
            true,
            "xmpp.partner.example",
            8,
            false);

    XmppPartner stored = database.inTransaction(c -> partners.insert(c, partner));
    assertThat(database.inTransaction(partners::list)).containsExactly(stored);
    assertThat(stored).isEqualTo(partner.withId(stored.id()));

    XmppPartner changed =
        new XmppPartner(
            stored.id(),
            "partner.example",
            List.of(),
            "",
            PartnerType.FEDERATED,
            Negotiation.REQUIRED,
            Negotiation.REQUIRED,
            false,
            "",
            4,
            true);
    database.inTransaction(
        c -> {
          partners.update(c, stored.id(), changed);
          return null;
        });
    java.util.Optional<XmppPartner> found =
        database.inTransaction(c -> partners.find(c, "partner.example"));
    assertThat(found).contains(changed);
    database.inTransaction(
        c -> {
          partners.delete(c, stored.id());
          return null;
        });
    assertThat(database.inTransaction(partners::list)).isEmpty();
  }
}
