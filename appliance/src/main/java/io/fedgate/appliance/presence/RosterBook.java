package io.fedgate.appliance.presence;

import io.fedgate.appliance.store.Database;
import io.fedgate.appliance.store.JdbcRosters;
import io.fedgate.core.stanza.Jid;
import java.util.HashMap;
import java.util.Map;

/**
 * Rosters by user id: read from {@code roster_item} when first needed, written through on every
 * change. Owned by the engine's thread (never a Netty event loop); a restart rereads the database.
 */
final class RosterBook {
  private final Database database;
  private final JdbcRosters rows;
  private final Map<Long, Roster> cache = new HashMap<>();

  RosterBook(Database database, JdbcRosters rows) {
    this.database = database;
    this.rows = rows;
  }

  Roster of(long userId) {
    return cache.computeIfAbsent(userId, this::load);
  }

  /** Stores the item; returns the roster's version afterwards. */
  long save(long userId, RosterItem item) {
    Roster roster = of(userId);
    long before = roster.version();
    long version = roster.put(item);
    if (version != before) {
      database.inTransaction(
          c -> {
            rows.put(c, userId, row(item), version);
            return null;
          });
    }
    return version;
  }

  /** Removes the item; returns the roster's version afterwards. */
  long remove(long userId, Jid contact) {
    long version = of(userId).remove(contact);
    database.inTransaction(
        c -> {
          rows.delete(c, userId, contact.bare().toString(), version);
          return null;
        });
    return version;
  }

  void clear() {
    cache.clear();
  }

  private Roster load(long userId) {
    JdbcRosters.Stored stored = database.inTransaction(c -> rows.load(c, userId));
    return new Roster(
        stored.version(),
        stored.rows().stream()
            .flatMap(r -> Jid.parse(r.contactJid()).map(j -> item(j, r)).stream())
            .toList());
  }

  private static RosterItem item(Jid jid, JdbcRosters.Row r) {
    return new RosterItem(
        jid,
        r.displayName(),
        r.groups(),
        SubscriptionState.of(r.subscription(), r.pendingOut(), r.pendingIn()),
        r.preApproved());
  }

  private static JdbcRosters.Row row(RosterItem item) {
    SubscriptionState s = item.state();
    return new JdbcRosters.Row(
        item.jid().toString(),
        item.name(),
        s.subscription().toUpperCase(java.util.Locale.ROOT),
        s.pendingOut(),
        s.pendingIn(),
        item.preApproved(),
        item.groups());
  }
}
