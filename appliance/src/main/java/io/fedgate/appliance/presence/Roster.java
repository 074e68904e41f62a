package io.fedgate.appliance.presence;

import io.fedgate.core.stanza.Jid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One user's roster with its version (RFC 6121 §2.6). Every change increments the version; a
 * request carrying the current version gets an empty result, any other gets the whole roster
 * (§2.6.3 allows that instead of interim pushes). Not thread-safe: owned by the engine's thread.
 */
public final class Roster {
  private final Map<Jid, RosterItem> items = new LinkedHashMap<>();
  private long version;

  public Roster(long version, List<RosterItem> items) {
    this.version = version;
    items.forEach(i -> this.items.put(i.jid(), i));
  }

  public long version() {
    return version;
  }

  /** The version string sent as {@code ver}. */
  public String ver() {
    return Long.toString(version);
  }

  public Optional<RosterItem> item(Jid contact) {
    return Optional.ofNullable(items.get(contact.bare()));
  }

  public List<RosterItem> items() {
    return new ArrayList<>(items.values());
  }

  /**
   * What a roster get returns (§2.6.3): empty when {@code ver} names the current version, else
   * every item.
   */
  public Optional<List<RosterItem>> since(Optional<String> ver) {
    return ver.filter(ver()::equals).isPresent()
        ? Optional.empty()
        : Optional.of(items().stream().filter(RosterItem::visible).toList());
  }

  /**
   * Adds or replaces the item; returns the new version.
   *
   * @return the roster's new version, or the current one when the item did not change
   */
  public long put(RosterItem item) {
    if (!item.equals(items.get(item.jid()))) {
      items.put(item.jid(), item);
      version++;
    }
    return version;
  }

  /** Removes the item, if any; returns the roster's version afterwards. */
  public long remove(Jid contact) {
    if (items.remove(contact.bare()) != null) {
      version++;
    }
    return version;
  }
}
