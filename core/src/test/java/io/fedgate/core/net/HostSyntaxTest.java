package io.fedgate.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostSyntaxTest {

  @ParameterizedTest(name = "{0} -> dns={1} v4={2} v6={3}")
  @CsvSource({
    "example.com, true, false, false",
    "imp1.example.com, true, false, false",
    "localhost, true, false, false",
    "a-b.c, true, false, false",
    "-ab.c, false, false, false",
    "ab-.c, false, false, false",
    "example.com., false, false, false",
    "exa mple.com, false, false, false",
    "'', false, false, false",
    "127.0.0.1, false, true, false",
    "256.0.0.1, false, false, false",
    "300.1.1, false, false, false",
    "::1, false, false, true",
    "::, false, false, true",
    "fe80::1:2:3:4, false, false, true",
    "2001:db8::1::2, false, false, false",
    "2001:db8:0:0:0:0:0:1, false, false, true",
    "::ffff:10.0.0.1, false, false, true",
    "1:2:3, false, false, false",
  })
  void classifiesNamesAndLiterals(String value, boolean dns, boolean ipv4, boolean ipv6) {
    assertThat(HostSyntax.isDnsName(value)).as("dns").isEqualTo(dns);
    assertThat(HostSyntax.isIpv4Literal(value)).as("ipv4").isEqualTo(ipv4);
    assertThat(HostSyntax.isIpv6Literal(value)).as("ipv6").isEqualTo(ipv6);
    assertThat(HostSyntax.isHost(value)).as("host").isEqualTo(dns || ipv4 || ipv6);
  }
}
