package io.fedgate.acl.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          192.0.2.1                  | 192.0.2.1
          0.0.0.0                    | 0.0.0.0
          255.255.255.255            | 255.255.255.255
          ' 10.0.0.1 '               | 10.0.0.1
          ::                         | ::
          ::1                        | ::1
          [::1]                      | ::1
          2001:DB8::1                | 2001:db8::1
          2001:db8:0:0:0:0:0:1       | 2001:db8::1
          2001:0db8:0000:0000:0001:0000:0000:0001 | 2001:db8::1:0:0:1
          2001:db8:0:0:1:0:0:0       | 2001:db8:0:0:1::
          2001:db8:0:1:1:1:1:1       | 2001:db8:0:1:1:1:1:1
          1:2:3:4:5:6:7::            | 1:2:3:4:5:6:7:0
          fe80::1:2                  | fe80::1:2
          ::ffff:192.0.2.1           | 192.0.2.1
          ::FFFF:c000:0201           | 192.0.2.1
          64:ff9b::192.0.2.33        | 64:ff9b::c000:221
          ::192.0.2.1                | ::c000:201
          """)
  void parsesAndFormats(String text, String canonical) {
    assertThat(IpAddress.parse(text)).hasValueSatisfying(a -> assertThat(a).hasToString(canonical));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1.2.3",
        "1.2.3.4.5",
        "256.0.0.1",
        "01.2.3.4",
        "1.2.3.-4",
        "a.b.c.d",
        "example.com",
        "1::2::3",
        ":::",
        ":1::",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        "12345::",
        "g::",
        "1.2.3.4::",
        "::1.2.3",
        "fe80::1%eth0",
        "[::1",
        "1:2:3:4:5:6:7:8::",
        "::1.2.3.4:5"
      })
  void rejects(String text) {
    assertThat(IpAddress.parse(text)).isEmpty();
  }

  @Test
  void fromSocketBytesWithoutDns() {
    assertThat(IpAddress.fromBytes(new byte[] {(byte) 192, 0, 2, 1}))
        .isEqualTo(IpAddress.parse("192.0.2.1").orElseThrow());
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = 10;
    mapped[15] = 7;
    assertThat(IpAddress.fromBytes(mapped)).hasToString("10.0.0.7");
    assertThat(IpAddress.fromBytes(mapped).isV4()).isTrue();
    assertThatThrownBy(() -> IpAddress.fromBytes(new byte[5]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valueSemantics() {
    IpAddress a = IpAddress.parse("2001:db8::1").orElseThrow();
    assertThat(a).isEqualTo(IpAddress.parse("2001:DB8:0::0:1").orElseThrow());
    assertThat(a.hashCode()).isEqualTo(IpAddress.parse("2001:db8::0:1").orElseThrow().hashCode());
    assertThat(a.bitLength()).isEqualTo(128);
    byte[] copy = a.bytes();
    copy[0] = 0;
    assertThat(a).hasToString("2001:db8::1");
  }
}
