package io.fedgate.core.stanza;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JidTest {

  @ParameterizedTest
  @CsvSource({
    "Alice@Example.COM/Laptop, alice@example.com/Laptop",
    "example.com., example.com",
    "ALICE@example.com./x, alice@example.com/x",
    "'J\u0065\u0301r\u00f4me@example.com', j\u00e9r\u00f4me@example.com",
    "\u00c9LODIE@exemple.fr, \u00e9lodie@exemple.fr",
    "juliet@example.com/a resource with spaces, juliet@example.com/a resource with spaces",
    "juliet@example.com/foo/bar, juliet@example.com/foo/bar",
    "juliet@[::1]/r, juliet@[::1]/r",
    "juliet@192.0.2.1, juliet@192.0.2.1"
  })
  void partsArePreparedForComparison(String text, String prepared) {
    assertThat(Jid.parse(text)).map(Jid::toString).hasValue(prepared);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "@example.com",
        "juliet@",
        "juliet@example.com/",
        "ju liet@example.com",
        "ju\"liet@example.com",
        "ju:liet@example.com",
        "ju<liet@example.com",
        "ju>liet@example.com",
        "ju&liet@example.com",
        "ju'liet@example.com",
        "ju\u007fliet@example.com",
        "juliet@exam\\ple.com",
        "juliet@exam]ple.com",
        "juliet@example.com/res\u007f",
        "juliet@exam ple.com",
        "juliet@example..com",
        "juliet@.example.com",
        "juliet@example.com/res\u0007",
        "ju\u0000liet@example.com",
        "a@b@example.com",
        "juliet@[zz::1]"
      })
  void malformedJidsAreRefused(String text) {
    assertThat(Jid.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {1023, 1024})
  void eachPartIsLimitedTo1023Octets(int length) {
    String local = "a".repeat(length);
    String twoOctets = "\u00e9".repeat((length + 1) / 2);

    assertThat(Jid.parse(local + "@example.com").isPresent()).isEqualTo(length <= 1023);
    assertThat(Jid.parse("example.com/" + twoOctets).isPresent())
        .isEqualTo(twoOctets.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 1023);
  }

  @org.junit.jupiter.api.Test
  void aClientMayBindOnlyAResourceTheJidAccepts() {
    assertThat(Jid.isValidResource("laptop")).isTrue();
    assertThat(Jid.isValidResource("")).isFalse();
    assertThat(Jid.isValidResource("bell\u0007")).isFalse();
    assertThat(Jid.isValidResource("\u00e9".repeat(600))).isFalse(); // 1200 octets
  }

  @org.junit.jupiter.api.Test
  void equalJidsAfterPreparationAreEqualRecords() {
    assertThat(Jid.parse("ROMEO@Example.com.")).isEqualTo(Jid.parse("romeo@example.com"));
  }
}
