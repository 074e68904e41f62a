package io.fedgate.acl.incoming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.acl.incoming.AclDecision.Reason;
import io.fedgate.acl.net.IpAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IM&P rule: unless the ACL is open, a peer must match by IP and by FQDN. */
class IncomingAclTest {

  /** "IP 192.0.2.10; FQDN edge.partner.com" -> entries. */
  static List<AclEntry> entries(String spec) {
    List<AclEntry> out = new ArrayList<>();
    for (String part : spec.split(";")) {
      String[] t = part.trim().split("\\s+");
      if (t[0].isEmpty()) {
        continue;
      }
      out.add(new AclEntry(AclEntryType.valueOf(t[0]), t.length > 1 ? t[1] : "ALL", "", false));
    }
    return out;
  }

  private static Peer peer(String address, String names) {
    Set<String> set =
        names.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(names.trim().split("\\s+")));
    return new Peer(IpAddress.parse(address).orElseThrow(), set);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # name                            | entries                                       | peer address    | peer names              | reason
          open ACL allows anyone            | ALL ; IP 192.0.2.10                           | 203.0.113.5     | ''                      | ALLOWED_OPEN
          open ACL, lower case all          | ALL all                                       | 203.0.113.5     | x.org                   | ALLOWED_OPEN
          empty ACL allows nobody           | ''                                            | 192.0.2.10      | edge.partner.com        | DENIED_NOT_LISTED
          IP and FQDN both listed           | IP 192.0.2.10 ; FQDN edge.partner.com         | 192.0.2.10      | edge.partner.com        | ALLOWED
          FQDN case-insensitive             | IP 192.0.2.10 ; FQDN Edge.Partner.COM         | 192.0.2.10      | EDGE.partner.com.       | ALLOWED
          IP only is not enough             | IP 192.0.2.10                                 | 192.0.2.10      | edge.partner.com        | DENIED_FQDN_NOT_LISTED
          FQDN only is not enough           | FQDN edge.partner.com                         | 192.0.2.10      | edge.partner.com        | DENIED_IP_NOT_LISTED
          IP listed, name unknown           | IP 192.0.2.10 ; FQDN edge.partner.com         | 192.0.2.10      | ''                      | DENIED_FQDN_UNKNOWN
          neither listed                    | IP 192.0.2.10 ; FQDN edge.partner.com         | 192.0.2.11      | other.partner.com       | DENIED_NOT_LISTED
          FQDN is exact                     | IP 192.0.2.10 ; FQDN partner.com              | 192.0.2.10      | edge.partner.com        | DENIED_FQDN_NOT_LISTED
          domain covers hosts below it      | IP 192.0.2.10 ; DOMAIN partner.com            | 192.0.2.10      | edge.partner.com        | ALLOWED
          domain covers itself              | IP 192.0.2.10 ; DOMAIN partner.com            | 192.0.2.10      | partner.com             | ALLOWED
          domain on a label boundary        | IP 192.0.2.10 ; DOMAIN partner.com            | 192.0.2.10      | evilpartner.com         | DENIED_FQDN_NOT_LISTED
          domain is not a suffix trick      | IP 192.0.2.10 ; DOMAIN partner.com            | 192.0.2.10      | partner.com.evil.org    | DENIED_FQDN_NOT_LISTED
          any alias name may match          | IP 192.0.2.10 ; FQDN pool.partner.com         | 192.0.2.10      | fe1.partner.com pool.partner.com | ALLOWED
          CIDR v4 covers the peer           | CIDR 192.0.2.0/24 ; DOMAIN partner.com        | 192.0.2.200     | edge.partner.com        | ALLOWED
          CIDR v4 does not cover            | CIDR 192.0.2.0/25 ; DOMAIN partner.com        | 192.0.2.200     | edge.partner.com        | DENIED_IP_NOT_LISTED
          CIDR v6 covers the peer           | CIDR 2001:db8::/32 ; DOMAIN partner.com       | 2001:db8:1::5   | edge.partner.com        | ALLOWED
          IPv6 exact, other spelling        | IP 2001:db8::5 ; DOMAIN partner.com           | 2001:db8:0:0::5 | edge.partner.com        | ALLOWED
          IPv4-mapped peer matches v4 entry | IP 192.0.2.10 ; DOMAIN partner.com            | ::ffff:192.0.2.10 | edge.partner.com      | ALLOWED
          v4 CIDR never matches v6 peer     | CIDR 0.0.0.0/0 ; DOMAIN partner.com           | 2001:db8::5     | edge.partner.com        | DENIED_IP_NOT_LISTED
          invalid peer names are ignored    | IP 192.0.2.10 ; DOMAIN partner.com            | 192.0.2.10      | bad_name.partner.com    | DENIED_FQDN_UNKNOWN
          two peers need four entries       | IP 192.0.2.10 ; FQDN a.p.com ; IP 192.0.2.11 ; FQDN b.p.com | 192.0.2.11 | b.p.com | ALLOWED
          """)
  void decides(String name, String entries, String address, String names, Reason reason) {
    AclDecision d = IncomingAcl.of(entries(entries)).evaluate(peer(address, names));
    assertThat(d.reason()).isEqualTo(reason);
    assertThat(d.allowed()).isEqualTo(reason == Reason.ALLOWED || reason == Reason.ALLOWED_OPEN);
  }

  @Test
  void decisionNamesTheMatchedEntries() {
    IncomingAcl acl = IncomingAcl.of(entries("CIDR 192.0.2.0/24 ; DOMAIN partner.com"));
    AclDecision d = acl.evaluate(peer("192.0.2.9", "edge.partner.com"));
    assertThat(d.addressEntry()).contains(AclEntry.cidr("192.0.2.0/24", ""));
    assertThat(d.nameEntry()).contains(AclEntry.domain("partner.com", ""));
    assertThat(d.detail())
        .contains("192.0.2.9")
        .contains("CIDR 192.0.2.0/24")
        .contains("DOMAIN partner.com");
    assertThat(acl.isOpen()).isFalse();
    assertThat(IncomingAcl.of(entries("ALL")).isOpen()).isTrue();
  }

  @Test
  void repeatedAndAlternatingPeersOnOneAclEachGetTheirOwnDecision() {
    IncomingAcl acl = IncomingAcl.of(entries("IP 192.0.2.10 ; DOMAIN partner.com"));
    for (int i = 0; i < 3; i++) {
      assertThat(acl.evaluate(peer("192.0.2.10", "edge.partner.com")).reason())
          .isEqualTo(Reason.ALLOWED);
      assertThat(acl.evaluate(peer("192.0.2.10", "edge.partner.com")).reason())
          .isEqualTo(Reason.ALLOWED);
      assertThat(acl.evaluate(peer("192.0.2.11", "edge.partner.com")).reason())
          .isEqualTo(Reason.DENIED_IP_NOT_LISTED);
      assertThat(acl.evaluate(peer("192.0.2.10", "edge.other.com")).reason())
          .isEqualTo(Reason.DENIED_FQDN_NOT_LISTED);
    }
  }

  @Test
  void refusesInvalidEntries() {
    assertThatThrownBy(() -> IncomingAcl.of(entries("IP example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entries[0].pattern");
  }
}
