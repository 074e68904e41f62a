package io.fedgate.acl.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
    "192.0.2.0/24, 192.0.2.0, true",
    "192.0.2.0/24, 192.0.2.255, true",
    "192.0.2.0/24, 192.0.3.0, false",
    "10.0.0.0/8, 10.255.1.2, true",
    "10.0.0.0/8, 11.0.0.0, false",
    "0.0.0.0/0, 203.0.113.9, true",
    "0.0.0.0/0, ::1, false",
    "192.0.2.7/32, 192.0.2.7, true",
    "192.0.2.7/32, 192.0.2.6, false",
    "172.16.0.0/12, 172.31.255.255, true",
    "172.16.0.0/12, 172.32.0.0, false",
    "2001:db8::/32, 2001:db8:ffff::1, true",
    "2001:db8::/32, 2001:db9::1, false",
    "::/0, 2001:db8::1, true",
    "::/0, 192.0.2.1, false",
    "2001:db8::/33, 2001:db8:7fff::1, true",
    "2001:db8::/33, 2001:db8:8000::1, false",
    "192.0.2.0/24, ::ffff:192.0.2.9, true",
    "::ffff:192.0.2.0/120, 192.0.2.9, true"
  })
  void contains(String block, String address, boolean expected) {
    IpRange range = IpRange.parse(block).orElseThrow();
    assertThat(range.contains(IpAddress.parse(address).orElseThrow())).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "10.1.2.3/8, 10.0.0.0, false",
    "10.0.0.0/8, 10.0.0.0, true",
    "2001:db8::1/64, 2001:db8::, false",
    "192.0.2.128/25, 192.0.2.128, true"
  })
  void networkAddress(String block, String network, boolean isNetwork) {
    IpRange range = IpRange.parse(block).orElseThrow();
    assertThat(range.network()).hasToString(network);
    assertThat(range.isNetworkAddress()).isEqualTo(isNetwork);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0",
        "10.0.0.0/33",
        "2001:db8::/129",
        "10.0.0.0/",
        "/8",
        "10.0.0.0/8/8",
        "10.0.0.0/-1",
        "example.com/24",
        "10.0.0.0/ 8x",
        "::ffff:10.0.0.0/95"
      })
  void rejects(String text) {
    assertThat(IpRange.parse(text)).isEmpty();
  }
}
