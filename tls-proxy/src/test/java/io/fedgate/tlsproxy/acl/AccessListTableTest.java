package io.fedgate.tlsproxy.acl;

import static io.fedgate.tlsproxy.config.SampleConfigs.deny;
import static io.fedgate.tlsproxy.config.SampleConfigs.permit;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.acl.net.IpAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessListTableTest {
  private static final AccessList LIST =
      new AccessList(
          "partner_to_imp",
          List.of(
              deny("198.51.100.7", "any"),
              permit("198.51.100.0/24", "10.0.0.41", 5062, null),
              permit("any", "10.0.0.41", 5062, "partner.example"),
              deny("any", "10.0.0.42")));

  private static Flow flow(String source, String destination, int port, String domain) {
    return new Flow(
        IpAddress.parse(source).orElseThrow(),
        40000,
        IpAddress.parse(destination).orElseThrow(),
        port,
        Optional.ofNullable(domain));
  }

  @ParameterizedTest(name = "{0} -> {1}:{2} domain {3} = {4} line {5}")
  @CsvSource({
    "198.51.100.7, 10.0.0.41, 5062, , DENY, 1",
    "198.51.100.8, 10.0.0.41, 5062, , PERMIT, 2",
    "203.0.113.9, 10.0.0.41, 5062, , PENDING, 0",
    "203.0.113.9, 10.0.0.41, 5062, partner.example, PERMIT, 3",
    "203.0.113.9, 10.0.0.41, 5062, sip.partner.example, PERMIT, 3",
    "203.0.113.9, 10.0.0.41, 5062, badpartner.example, DENY, 0",
    "203.0.113.9, 10.0.0.41, 5061, partner.example, DENY, 0",
    "203.0.113.9, 10.0.0.42, 5062, partner.example, DENY, 4",
  })
  void firstMatchWinsAndTheDefaultDenies(
      String source, String destination, int port, String domain, AclVerdict.Kind kind, int line) {
    AccessListTable table = new AccessListTable(List.of(LIST));

    AclVerdict verdict = table.decide("partner_to_imp", flow(source, destination, port, domain));

    assertThat(verdict.kind()).isEqualTo(kind);
    assertThat(verdict.entry()).isEqualTo(line);
  }

  @org.junit.jupiter.api.Test
  void finalVerdictsAreCountedPerEntryAndPendingOnesAreNot() {
    AccessListTable table = new AccessListTable(List.of(LIST));
    table.decide("partner_to_imp", flow("198.51.100.8", "10.0.0.41", 5062, null));
    table.decide("partner_to_imp", flow("198.51.100.9", "10.0.0.41", 5062, null));
    table.decide("partner_to_imp", flow("203.0.113.9", "10.0.0.41", 5062, null));
    table.decide("partner_to_imp", flow("203.0.113.9", "10.0.0.41", 5062, "other.example"));

    assertThat(table.counters())
        .extracting(AccessListTable.Counter::entry, AccessListTable.Counter::hits)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, 0L),
            org.assertj.core.groups.Tuple.tuple(2, 2L),
            org.assertj.core.groups.Tuple.tuple(3, 0L),
            org.assertj.core.groups.Tuple.tuple(4, 0L),
            org.assertj.core.groups.Tuple.tuple(0, 1L));
  }
}
