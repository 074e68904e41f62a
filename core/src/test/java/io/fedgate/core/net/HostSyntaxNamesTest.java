package io.fedgate.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostSyntaxNamesTest {

  @ParameterizedTest(name = "{0}: dns={1} srv={2} ipv4={3} ipv6={4}")
  @CsvSource({
    "example.com, true, true, false, false",
    "lync-fe01.example.com, true, true, false, false",
    "_sipfederationtls._tcp.example.com, false, true, false, false",
    "sip._tcp.example.com, false, false, false, false",
    "-a.com, false, false, false, false",
    "a-.com, false, false, false, false",
    "a..com, false, false, false, false",
    "a_b.com, false, false, false, false",
    "10.0.0.1, false, false, true, false",
    "255.255.255.255, false, false, true, false",
    "256.1.1.1, false, false, false, false",
    "01.1.1.1, false, false, false, false",
    "1.2.3, false, false, false, false",
    "a.b.3com, true, true, false, false",
    "'::1', false, false, false, true",
    "'::', false, false, false, true",
    "'2001:db8::', false, false, false, true",
    "'2001:db8:0:0:0:0:0:1', false, false, false, true",
    "'2001:db8:0:0:0:0:1', false, false, false, false",
    "'2001:db8::0:0:0:0:0:0:1', false, false, false, false",
    "'1:::2', false, false, false, false",
    "'::ffff:10.0.0.1', false, false, false, true",
    "'g::1', false, false, false, false",
    "':1:2:3:4:5:6:7', false, false, false, false"
  })
  void classifies(String s, boolean dns, boolean srv, boolean ipv4, boolean ipv6) {
    assertThat(HostSyntax.isDnsName(s)).as("dns").isEqualTo(dns);
    assertThat(HostSyntax.isSrvOrDnsName(s)).as("srv").isEqualTo(srv);
    assertThat(HostSyntax.isIpv4Literal(s)).as("ipv4").isEqualTo(ipv4);
    assertThat(HostSyntax.isIpv6Literal(s)).as("ipv6").isEqualTo(ipv6);
  }

  @ParameterizedTest
  @CsvSource({"[::1], true", "10.0.0.1, true", "example.com, false", "[example.com], false"})
  void ipLiterals(String s, boolean ip) {
    assertThat(HostSyntax.isIpLiteral(s)).isEqualTo(ip);
  }
}
