package io.fedgate.appliance.store;

import io.fedgate.routes.RouteType;
import io.fedgate.routes.StaticRoute;
import io.fedgate.routes.Transport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of {@code static_route}, as {@link StaticRoute} values with their database ids. */
public final class JdbcStaticRoutes {

  /** A stored route and its id (what {@code fedgate routes remove} takes). */
  public record Stored(long id, StaticRoute route) {}

  private static final String COLUMNS =
      "destination_pattern, description, next_hop, next_hop_port, route_type, protocol, priority,"
          + " weight, allow_less_specific, in_service, blocked, built_in";

  private final Clock clock;

  public JdbcStaticRoutes(Clock clock) {
    this.clock = clock;
  }

  public List<Stored> list(Connection c) throws SQLException {
    try (PreparedStatement query =
            c.prepareStatement("SELECT id, " + COLUMNS + " FROM static_route ORDER BY id");
        ResultSet rows = query.executeQuery()) {
      List<Stored> routes = new ArrayList<>();
      while (rows.next()) {
        routes.add(read(rows));
      }
      return routes;
    }
  }

  public Optional<Stored> find(Connection c, long id) throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement("SELECT id, " + COLUMNS + " FROM static_route WHERE id = ?")) {
      query.setLong(1, id);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    }
  }

  public Stored insert(Connection c, StaticRoute route) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO static_route ("
                + COLUMNS
                + ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      bind(insert, route);
      Timestamp now = Timestamp.from(clock.instant());
      insert.setTimestamp(13, now);
      insert.setTimestamp(14, now);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return new Stored(keys.getLong(1), route);
      }
    }
  }

  public void update(Connection c, long id, StaticRoute route) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE static_route SET destination_pattern = ?, description = ?, next_hop = ?,"
                + " next_hop_port = ?, route_type = ?, protocol = ?, priority = ?, weight = ?,"
                + " allow_less_specific = ?, in_service = ?, blocked = ?, built_in = ?,"
                + " updated_at = ? WHERE id = ?")) {
      bind(update, route);
      update.setTimestamp(13, Timestamp.from(clock.instant()));
      update.setLong(14, id);
      update.executeUpdate();
    }
  }

  public void delete(Connection c, long id) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM static_route WHERE id = ?")) {
      delete.setLong(1, id);
      delete.executeUpdate();
    }
  }

  private static void bind(PreparedStatement statement, StaticRoute route) throws SQLException {
    statement.setString(1, route.destinationPattern());
    statement.setString(2, route.description());
    statement.setString(3, route.nextHop());
    statement.setInt(4, route.nextHopPort());
    statement.setString(5, route.routeType().name());
    statement.setString(6, route.protocol().name());
    statement.setInt(7, route.priority());
    statement.setInt(8, route.weight());
    statement.setBoolean(9, route.allowLessSpecific());
    statement.setBoolean(10, route.inService());
    statement.setBoolean(11, route.blocked());
    statement.setBoolean(12, route.builtIn());
  }

  private static Stored read(ResultSet row) throws SQLException {
    return new Stored(
        row.getLong(1),
        new StaticRoute(
            row.getString(2),
            row.getString(3),
            row.getString(4),
            row.getInt(5),
            RouteType.valueOf(row.getString(6)),
            Transport.valueOf(row.getString(7)),
            row.getInt(8),
            row.getInt(9),
            row.getBoolean(10),
            row.getBoolean(11),
            row.getBoolean(12),
            row.getBoolean(13)));
  }
}
