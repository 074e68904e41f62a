package io.fedgate.acl.incoming;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.acl.incoming.AclEdit.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Federated domains own a read-only entry; operators edit only their own entries. */
class AclEntriesTest {

  private static AclEntries applied(AclEdit edit) {
    assertThat(edit).isInstanceOf(AclEdit.Applied.class);
    return ((AclEdit.Applied) edit).entries();
  }

  private static Reason refused(AclEdit edit) {
    assertThat(edit).isInstanceOf(AclEdit.Refused.class);
    return ((AclEdit.Refused) edit).reason();
  }

  @Test
  void federatedDomainAddsAndRemovesItsReadOnlyEntry() {
    AclEntries start = AclEntries.of(List.of(AclEntry.ip("192.0.2.10", "edge")));
    AclEntries with = applied(start.withFederatedDomain("Partner.COM"));

    assertThat(with.asList())
        .containsExactly(
            AclEntry.ip("192.0.2.10", "edge"),
            new AclEntry(
                AclEntryType.DOMAIN,
                "partner.com",
                "SIP federated domain partner.com (automatic)",
                true));
    assertThat(applied(with.withFederatedDomain("partner.com."))).isEqualTo(with);
    assertThat(applied(with.withoutFederatedDomain("partner.com"))).isEqualTo(start);
    assertThat(applied(start.withoutFederatedDomain("partner.com"))).isEqualTo(start);
    assertThat(start.asList()).hasSize(1);
  }

  @Test
  void operatorsCannotTouchReadOnlyEntries() {
    AclEntries with = applied(AclEntries.empty().withFederatedDomain("partner.com"));

    AclEdit remove = with.remove(AclEntryType.DOMAIN, "partner.com");
    assertThat(refused(remove)).isEqualTo(Reason.READ_ONLY);
    assertThat(((AclEdit.Refused) remove).message()).contains("remove the domain instead");
    assertThat(
            refused(with.replace(AclEntryType.DOMAIN, "PARTNER.com", AclEntry.domain("x.com", ""))))
        .isEqualTo(Reason.READ_ONLY);
    assertThat(refused(with.add(new AclEntry(AclEntryType.DOMAIN, "x.com", "", true))))
        .isEqualTo(Reason.READ_ONLY_RESERVED);
  }

  @Test
  void operatorEntryBesideTheReadOnlyOneStaysWithoutTheDomain() {
    AclEntries with = applied(AclEntries.empty().withFederatedDomain("partner.com"));
    AclEntries both = applied(with.add(AclEntry.domain("partner.com", "mine")));
    assertThat(both.asList()).hasSize(2);

    AclEntries after = applied(both.withoutFederatedDomain("partner.com"));
    assertThat(after.asList()).containsExactly(AclEntry.domain("partner.com", "mine"));

    AclEntries removedMine = applied(both.remove(AclEntryType.DOMAIN, "partner.com"));
    assertThat(removedMine.asList()).singleElement().extracting(AclEntry::readOnly).isEqualTo(true);
  }

  @Test
  void operatorEdits() {
    AclEntries one = applied(AclEntries.empty().add(AclEntry.cidr("192.0.2.0/24", "lync")));
    assertThat(refused(one.add(AclEntry.cidr("192.0.2.0/24", "again"))))
        .isEqualTo(Reason.DUPLICATE);
    assertThat(refused(one.add(AclEntry.cidr("192.0.2.1/24", "")))).isEqualTo(Reason.INVALID);
    assertThat(refused(one.remove(AclEntryType.IP, "192.0.2.1"))).isEqualTo(Reason.NOT_FOUND);
    assertThat(refused(one.remove(AclEntryType.IP, "not an ip"))).isEqualTo(Reason.NOT_FOUND);

    AclEntries two = applied(one.add(AclEntry.fqdn("edge.partner.com", "")));
    AclEntries replaced =
        applied(
            two.replace(
                AclEntryType.CIDR, "192.0.2.0/24", AclEntry.cidr("198.51.100.0/24", "new")));
    assertThat(replaced.asList())
        .containsExactly(
            AclEntry.cidr("198.51.100.0/24", "new"), AclEntry.fqdn("edge.partner.com", ""));
    assertThat(
            refused(
                two.replace(
                    AclEntryType.CIDR, "192.0.2.0/24", AclEntry.fqdn("edge.partner.com", "x"))))
        .isEqualTo(Reason.DUPLICATE);
    assertThat(
            applied(
                    two.replace(
                        AclEntryType.CIDR,
                        "192.0.2.0/24",
                        AclEntry.cidr("192.0.2.0/24", "renamed")))
                .asList()
                .get(0)
                .description())
        .isEqualTo("renamed");
    assertThat(applied(two.remove(AclEntryType.FQDN, "EDGE.partner.com")).asList()).hasSize(1);
  }

  @Test
  void invalidFederatedDomain() {
    assertThat(refused(AclEntries.empty().withFederatedDomain("not a domain")))
        .isEqualTo(Reason.INVALID);
    assertThat(refused(AclEntries.empty().withoutFederatedDomain(""))).isEqualTo(Reason.INVALID);
  }

  @Test
  void readOnlyEntryMakesTheAclAdmitTheDomainByName() {
    AclEntries with =
        applied(
            applied(AclEntries.empty().add(AclEntry.ip("192.0.2.10", "")))
                .withFederatedDomain("partner.com"));
    AclDecision d =
        IncomingAcl.of(with.asList())
            .evaluate(
                Peer.of(
                    io.fedgate.acl.net.IpAddress.parse("192.0.2.10").orElseThrow(),
                    "edge.partner.com"));
    assertThat(d.reason()).isEqualTo(AclDecision.Reason.ALLOWED);
  }
}
