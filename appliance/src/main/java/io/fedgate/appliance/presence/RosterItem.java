package io.fedgate.appliance.presence;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One roster item (RFC 6121 §2.1.2): a bare contact JID, its name, groups and subscription. */
public record RosterItem(
    Jid jid, String name, List<String> groups, SubscriptionState state, boolean preApproved) {
  public static final String NAMESPACE = "jabber:iq:roster";

  public RosterItem {
    jid = jid.bare();
    name = name == null ? "" : name;
    groups = List.copyOf(groups);
  }

  /** A new item with no subscription. */
  public static RosterItem of(Jid jid) {
    return new RosterItem(jid, "", List.of(), SubscriptionState.NONE, false);
  }

  public RosterItem with(SubscriptionState newState, boolean newPreApproved) {
    return new RosterItem(jid, name, groups, newState, newPreApproved);
  }

  public RosterItem withNameAndGroups(String newName, List<String> newGroups) {
    return new RosterItem(jid, newName, newGroups, state, preApproved);
  }

  /**
   * False for the record of a request the user has neither answered nor added a contact for: the
   * contact's server keeps it but creates no roster item (RFC 6121 §3.1.3).
   */
  public boolean visible() {
    return state != SubscriptionState.NONE_PENDING_IN || !name.isEmpty() || !groups.isEmpty();
  }

  /** The {@code <item/>} of a roster result or push (§2.1.2). */
  public XmlElement toXml() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("jid", jid.toString());
    if (!name.isEmpty()) {
      attributes.put("name", name);
    }
    attributes.put("subscription", state.subscription());
    if (state.pendingOut()) {
      attributes.put("ask", "subscribe");
    }
    if (preApproved) {
      attributes.put("approved", "true");
    }
    XmlElement item = new XmlElement(NAMESPACE, "item", attributes, List.of());
    for (String group : groups) {
      item = item.withChild(new XmlElement(NAMESPACE, "group", Map.of(), List.of(group)));
    }
    return item;
  }

  /** The item of a push announcing its removal (§2.5). */
  public static XmlElement removed(Jid jid) {
    return new XmlElement(
        NAMESPACE,
        "item",
        Map.of("jid", jid.bare().toString(), "subscription", "remove"),
        List.of());
  }
}
