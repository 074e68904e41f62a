package io.fedgate.appliance.store;

import io.fedgate.xmpp.s2s.Direction;
import io.fedgate.xmpp.s2s.FailureReason;
import io.fedgate.xmpp.s2s.S2sFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rows of {@code xmpp_s2s_failure} (V5): the per-domain S2S failure history of the XMPP Federation
 * Connection Manager, bounded per remote domain and in all.
 */
public final class JdbcS2sFailures {
  private static final int DETAIL = 1000;

  /** Appends one failure, then keeps the newest {@code perDomain} of its domain, {@code total}. */
  public void append(Connection c, S2sFailure f, int perDomain, int total) throws SQLException {
    String domain = cut(f.remoteDomain().toLowerCase(Locale.ROOT), 255);
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO xmpp_s2s_failure (occurred_at, direction, local_domain, remote_domain,"
                + " peer_address, reason, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setObject(1, SqlTime.of(f.at()));
      insert.setString(2, f.direction().name());
      insert.setString(3, cut(f.localDomain(), 255));
      insert.setString(4, domain);
      insert.setString(5, cut(f.peerAddress(), 64));
      insert.setString(6, f.reason().name());
      insert.setString(7, cut(f.detail(), DETAIL));
      insert.executeUpdate();
    }
    deleteBelow(
        c,
        "SELECT id FROM xmpp_s2s_failure WHERE remote_domain = ? ORDER BY id DESC"
            + " OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY",
        "DELETE FROM xmpp_s2s_failure WHERE remote_domain = ? AND id <= ?",
        domain,
        perDomain);
    deleteBelow(
        c,
        "SELECT id FROM xmpp_s2s_failure ORDER BY id DESC OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY",
        "DELETE FROM xmpp_s2s_failure WHERE id <= ?",
        null,
        total);
  }

  /** Every stored failure, newest first. */
  public List<S2sFailure> all(Connection c) throws SQLException {
    List<S2sFailure> failures = new ArrayList<>();
    try (PreparedStatement query =
            c.prepareStatement(
                "SELECT occurred_at, direction, local_domain, remote_domain, peer_address, reason,"
                    + " detail FROM xmpp_s2s_failure ORDER BY id DESC");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        FailureReason reason;
        Direction direction;
        try {
          reason = FailureReason.valueOf(rows.getString(6));
          direction = Direction.valueOf(rows.getString(2));
        } catch (IllegalArgumentException unknown) {
          continue; // a code of a newer version after a downgrade: skip it
        }
        failures.add(
            new S2sFailure(
                SqlTime.instant(rows, 1),
                direction,
                rows.getString(3),
                rows.getString(4),
                rows.getString(5),
                reason,
                rows.getString(7)));
      }
    }
    return failures;
  }

  private static void deleteBelow(
      Connection c, String select, String delete, String domain, int keep) throws SQLException {
    long oldestToDelete;
    try (PreparedStatement query = c.prepareStatement(select)) {
      int i = 1;
      if (domain != null) {
        query.setString(i++, domain);
      }
      query.setInt(i, keep);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return;
        }
        oldestToDelete = rows.getLong(1);
      }
    }
    try (PreparedStatement remove = c.prepareStatement(delete)) {
      int i = 1;
      if (domain != null) {
        remove.setString(i++, domain);
      }
      remove.setLong(i, oldestToDelete);
      remove.executeUpdate();
    }
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
