package io.fedgate.appliance.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.appliance.store.JdbcXmppPartners.XmppPartner;
import io.fedgate.xmpp.s2s.Negotiation;
import io.fedgate.xmpp.s2s.PartnerSettings;
import io.fedgate.xmpp.s2s.PartnerType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A stored Lync partner reaches the S2S service with every setting it acts on, under each of its
 * domains: the negotiation, and the connection limit and keep-alive flag (xmpp-federation's {@code
 * S2sServiceIT} shows what the service does with them).
 */
class PartnerSettingsMappingTest {
  @Test
  void everyDomainOfAPartnerCarriesItsConnectionLimitAndKeepAlive() {
    XmppPartner partner =
        new XmppPartner(
            1,
            "partner.example",
            List.of("chat.partner.example"),
            "",
            PartnerType.FEDERATED,
            Negotiation.REQUIRED,
            Negotiation.OPTIONAL,
            true,
            "",
            2,
            false);

    Map<String, PartnerSettings> byDomain =
        XmppFederationConnectionManager.partners(List.of(partner));

    assertThat(byDomain).containsOnlyKeys("partner.example", "chat.partner.example");
    for (PartnerSettings settings : byDomain.values()) {
      assertThat(settings.connectionLimit()).isEqualTo(2);
      assertThat(settings.keepAlive()).isFalse();
      assertThat(settings.tls()).isEqualTo(Negotiation.REQUIRED);
      assertThat(settings.sasl()).isEqualTo(Negotiation.OPTIONAL);
      assertThat(settings.dialback()).isTrue();
    }
  }
}
