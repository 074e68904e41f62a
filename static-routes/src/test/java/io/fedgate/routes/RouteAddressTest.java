package io.fedgate.routes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteAddressTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          sip:bob@Example.COM                        | bob         | example.com
          sips:bob@lync.example.com:5061;transport=tls | bob       | lync.example.com
          <sip:+14085551234@gw.example.com;user=phone> | +14085551234 | gw.example.com
          sip:a/b@example.com                        | a/b         | example.com
          SIP:alice@example.org?subject=hi           | alice       | example.org
          sip:bob@[2001:db8::1]:5061                 | bob         | 2001:db8::1
          sip:bob@192.0.2.1:5060                     | bob         | 192.0.2.1
          carol@xmpp.partner.net/desktop             | carol       | xmpp.partner.net
          xmpp:carol@xmpp.partner.net/res/with/slash | carol       | xmpp.partner.net
          partner.net                                | ''          | partner.net
          partner.net.                               | ''          | partner.net
          '  example.com  '                          | ''          | example.com
          """)
  void parses(String text, String user, String host) {
    assertThat(RouteAddress.parse(text)).contains(new RouteAddress(user, host));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "sip:", "sip:@example.com", "bob@", "bob@exa mple.com", "bob@-x.com"})
  void rejects(String text) {
    assertThat(RouteAddress.parse(text)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void reversedHostAndWithHost() {
    RouteAddress a = new RouteAddress("bob", "sip.example.com");
    assertThat(a.reversedHost()).isEqualTo(".com.example.sip");
    assertThat(a.withHost("AOL.com")).isEqualTo(new RouteAddress("bob", "aol.com"));
    assertThat(a.hasUser()).isTrue();
    assertThat(RouteAddress.domain("x.org").hasUser()).isFalse();
    assertThat(RouteAddress.parse(null)).isEmpty();
  }
}
