package io.fedgate.appliance.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.core.stanza.Jid;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Roster versioning (RFC 6121 §2.6). */
class RosterTest {
  private static final Jid BOB = Jid.parse("bob@example.test").orElseThrow();

  @Test
  void theCurrentVersionGetsAnEmptyResultAndAnyOtherTheWholeRoster() {
    Roster roster = new Roster(0, List.of());
    roster.put(RosterItem.of(BOB));

    assertThat(roster.since(Optional.of(roster.ver()))).isEmpty();
    assertThat(roster.since(Optional.of("0")))
        .hasValueSatisfying(items -> assertThat(items).hasSize(1));
    assertThat(roster.since(Optional.empty())).isPresent();
    assertThat(roster.since(Optional.of("garbage"))).isPresent();
  }

  @Test
  void everyChangeAndOnlyAChangeMovesTheVersion() {
    Roster roster = new Roster(7, List.of());
    long added = roster.put(RosterItem.of(BOB));
    long same = roster.put(RosterItem.of(BOB));
    long renamed = roster.put(RosterItem.of(BOB).withNameAndGroups("Bob", List.of("Friends")));
    long removed = roster.remove(BOB);
    long absent = roster.remove(BOB);

    assertThat(List.of(added, same, renamed, removed, absent))
        .containsExactly(8L, 8L, 9L, 10L, 10L);
  }

  @Test
  void anUnansweredRequestWithoutAnItemIsNotInTheRoster() {
    Roster roster = new Roster(0, List.of());
    roster.put(RosterItem.of(BOB).with(SubscriptionState.NONE_PENDING_IN, false));

    assertThat(roster.since(Optional.empty())).hasValue(List.of());
    assertThat(roster.item(BOB)).isPresent();
  }

  @Test
  void itemsShowAskWhilePendingOutAndApprovedWhenPreApproved() {
    RosterItem item =
        RosterItem.of(BOB.withResource("phone")).with(SubscriptionState.NONE_PENDING_OUT, true);

    assertThat(item.toXml().toXml())
        .contains("jid='bob@example.test'")
        .contains("subscription='none'")
        .contains("ask='subscribe'")
        .contains("approved='true'");
  }
}
