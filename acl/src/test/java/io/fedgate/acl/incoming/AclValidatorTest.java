package io.fedgate.acl.incoming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fedgate.acl.AclProblem;
import io.fedgate.acl.AclProblem.Code;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AclValidatorTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # type | pattern          | code ('-' = valid) | message part
          ALL    | ALL              | -                  | ''
          ALL    | 10.0.0.1         | INVALID_PATTERN    | 'ALL'
          IP     | 192.0.2.1        | -                  | ''
          IP     | 2001:db8::1      | -                  | ''
          IP     | 192.0.2.256      | INVALID_IP         | not an IPv4 or IPv6
          IP     | edge.partner.com | INVALID_IP         | names are not resolved
          CIDR   | 192.0.2.0/24     | -                  | ''
          CIDR   | 2001:db8::/32    | -                  | ''
          CIDR   | 192.0.2.1/24     | HOST_BITS_SET      | 192.0.2.0/24
          CIDR   | 192.0.2.0        | INVALID_CIDR       | address/prefix
          CIDR   | 192.0.2.0/33     | INVALID_CIDR       | address/prefix
          FQDN   | edge.partner.com | -                  | ''
          FQDN   | edge_1.partner   | INVALID_NAME       | not a DNS name
          DOMAIN | partner.com      | -                  | ''
          DOMAIN | *.partner.com    | INVALID_NAME       | omit '*.'
          DOMAIN | ''               | REQUIRED           | required
          """)
  void patterns(AclEntryType type, String pattern, String code, String messagePart) {
    List<AclProblem> problems = AclValidator.validate(new AclEntry(type, pattern, "", false));
    if (code.equals("-")) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.code()).isEqualTo(Code.valueOf(code));
                assertThat(p.field()).isEqualTo("pattern");
                assertThat(p.message()).contains(messagePart);
              });
    }
  }

  @Test
  void everyProblemAtOnce() {
    assertThat(AclValidator.validate(new AclEntry(null, null, null, false)))
        .extracting(AclProblem::field, AclProblem::code)
        .containsExactly(
            tuple("type", Code.REQUIRED),
            tuple("pattern", Code.REQUIRED),
            tuple("description", Code.REQUIRED));
    assertThat(AclValidator.validate(AclEntry.ip("192.0.2.1", "d".repeat(256))))
        .extracting(AclProblem::code)
        .containsExactly(Code.TOO_LONG);
    assertThat(AclValidator.validate(AclEntry.ip("192.0.2.1", "d".repeat(255)))).isEmpty();
  }

  @Test
  void duplicatesComparedInNormalForm() {
    List<AclEntry> entries =
        List.of(
            AclEntry.ip("2001:db8::1", ""),
            AclEntry.ip("2001:DB8:0::1", "same address"),
            AclEntry.domain("Partner.com.", ""),
            AclEntry.domain("partner.com", "again"),
            AclEntry.fqdn("partner.com", "an FQDN is not a domain"),
            new AclEntry(AclEntryType.DOMAIN, "partner.com", "read-only beside it", true),
            AclEntry.ip("bad", ""));
    assertThat(AclValidator.validate(entries))
        .extracting(AclProblem::field, AclProblem::code)
        .containsExactly(
            tuple("entries[1].pattern", Code.DUPLICATE),
            tuple("entries[3].pattern", Code.DUPLICATE),
            tuple("entries[6].pattern", Code.INVALID_IP));
  }

  @Test
  void neutralProblem() {
    AclProblem p = AclValidator.validate(List.of(AclEntry.ip("x", ""))).get(0);
    assertThat(p.toConfigProblem().field()).isEqualTo("entries[0].pattern");
  }
}
