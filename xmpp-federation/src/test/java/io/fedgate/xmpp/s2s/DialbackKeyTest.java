package io.fedgate.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The XEP-0185 key vectors of PROTOCOL.md §7.2. */
class DialbackKeyTest {

  @ParameterizedTest
  @CsvSource({
    "s3cr3tf0rd14lb4ck, montague.example, capulet.example, D60000229F,"
        + " b4835385f37fe2895af6c196b59097b16862406db80559900d96bf6fa7d23df3",
    "d14lb4ck43v3r, capulet.example, montague.example, 417GAF25,"
        + " 225cc5aa6a071133249d25fef42ae516fc7a86c523aa1c6980a7f73e784c972d",
    "s3cr3tf0rd14lb4ck, xmpp.example.com, example.org, D60000229F,"
        + " 37c69b1cf07a3f67c04a5ef5902fa5114f2c76fe4a2686482ba5b89323075643",
    "gw-secret-01, example.org, local.test, a1b2c3d4,"
        + " 5c12567f7e4d7ca5caae13f1953039bf3223f36a3b6214d17496abbcd12dd151"
  })
  void computesTheProtocolVectors(
      String secret, String receiving, String originating, String id, String key) {
    assertThat(DialbackKey.compute(secret, receiving, originating, id)).isEqualTo(key);
    assertThat(DialbackKey.matches(secret, receiving, originating, id, key)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "other-secret, example.org, local.test, a1b2c3d4",
    "gw-secret-01, local.test, example.org, a1b2c3d4",
    "gw-secret-01, example.org, local.test, a1b2c3d5"
  })
  void anyChangedInputGivesAnotherKey(
      String secret, String receiving, String originating, String id) {
    assertThat(
            DialbackKey.matches(
                secret,
                receiving,
                originating,
                id,
                "5c12567f7e4d7ca5caae13f1953039bf3223f36a3b6214d17496abbcd12dd151"))
        .isFalse();
  }
}
