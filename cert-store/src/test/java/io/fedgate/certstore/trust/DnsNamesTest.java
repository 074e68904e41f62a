package io.fedgate.certstore.trust;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6125 §6.4.1 and §6.4.3 as restricted by RFC 9525 §6.3. */
class DnsNamesTest {
  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource({
    "partner.example, partner.example, true",
    "Partner.EXAMPLE., partner.example, true",
    "*.partner.example, sip.partner.example, true",
    "*.partner.example, partner.example, false",
    "*.partner.example, a.b.partner.example, false",
    "*.example, partner.example, false",
    "s*.partner.example, sip.partner.example, false",
    "sip.*.example, sip.partner.example, false",
    "*.*.example, sip.partner.example, false",
    "other.example, partner.example, false"
  })
  void matches(String presented, String reference, boolean expected) {
    assertThat(DnsNames.matches(presented, reference)).isEqualTo(expected);
  }
}
