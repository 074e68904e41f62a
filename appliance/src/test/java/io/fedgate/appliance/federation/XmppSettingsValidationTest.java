package io.fedgate.appliance.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.appliance.store.JdbcXmppSettings.Stored;
import io.fedgate.xmpp.s2s.SecurityMode;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The checks of XMPP Federation Settings that need no database. */
class XmppSettingsValidationTest {

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          127.0.0.53,          127.0.0.53, 53
          127.0.0.53:5353,     127.0.0.53, 5353
          [::1]:53,            ::1,        53
          ::1,                 ::1,        53
          [2001:db8::5],       2001:db8::5, 53
          """)
  void resolverAddressesAreIpLiteralsWithAnOptionalPort(String text, String host, int port) {
    Optional<InetSocketAddress> address = XmppSettingsValidation.resolver(text);

    assertThat(address).isPresent();
    assertThat(address.get().getHostString()).isEqualTo(host);
    assertThat(address.get().getPort()).isEqualTo(port);
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          resolver.example
          resolver.example:53
          127.0.0.53:0
          127.0.0.53:70000
          127.0.0.53:dns
          [::1
          [::1]x53
          256.1.1.1
          """)
  void anythingElseIsNotAResolver(String text) {
    assertThat(XmppSettingsValidation.resolver(text)).isEmpty();
  }

  @Test
  void aDirectionWithoutSaslExternalNeedsTheDialbackSecretToEnableFederation() {
    Stored noSecret = new Stored(true, SecurityMode.TLS_REQUIRED, true, true, false, null, "");
    Stored withSecret =
        new Stored(true, SecurityMode.TLS_REQUIRED, true, true, false, new byte[] {1}, "");
    XmppSettings.Edit edit = new XmppSettings.Edit(true, null, null, null, false, null, null);

    assertThat(XmppSettingsValidation.settings(edit, noSecret))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("dialbackSecret");
              assertThat(p.message()).contains("without SASL EXTERNAL in outbound connections");
            });
    assertThat(XmppSettingsValidation.settings(edit, withSecret)).isEmpty();
  }
}
