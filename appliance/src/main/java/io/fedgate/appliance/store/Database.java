package io.fedgate.appliance.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The config database: H2 embedded (file in the data directory) by default, PostgreSQL for
 * clusters. The schema is owned by the Flyway migrations in {@code db/migration}; the same files
 * run on both.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /** A unit of work on one connection inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final Runnable closer;
  private final String description;
  private int migrationsApplied;

  private Database(DataSource dataSource, Runnable closer, String description) {
    this.dataSource = dataSource;
    this.closer = closer;
    this.description = description;
  }

  /** Opens the database and brings its schema up to date. */
  public static Database open(String url, String user, String password) {
    Database database = connect(url, user, password);
    try {
      var result =
          Flyway.configure()
              .dataSource(database.dataSource)
              .locations("classpath:db/migration")
              .failOnMissingLocations(true)
              .load()
              .migrate();
      database.migrationsApplied = result.migrationsExecuted;
      log.info(
          "config database {} at schema version {} ({} migration(s) applied)",
          database.description,
          result.targetSchemaVersion != null
              ? result.targetSchemaVersion
              : result.initialSchemaVersion,
          result.migrationsExecuted);
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  private static Database connect(String url, String user, String password) {
    if (url.startsWith("jdbc:h2:")) {
      // The node closes the database itself on shutdown, after its services have stopped; every
      // commit reaches the file at once, so a killed process loses no acknowledged change.
      String h2Url = withDefault(withDefault(url, "DB_CLOSE_ON_EXIT", "FALSE"), "WRITE_DELAY", "0");
      JdbcConnectionPool pool = JdbcConnectionPool.create(h2Url, user, password);
      pool.setMaxConnections(16);
      return new Database(pool, pool::dispose, redact(url));
    }
    if (url.startsWith("jdbc:postgresql:")) {
      PGSimpleDataSource source = new PGSimpleDataSource();
      source.setUrl(url);
      if (!user.isEmpty()) {
        source.setUser(user);
      }
      if (!password.isEmpty()) {
        source.setPassword(password);
      }
      return new Database(source, () -> {}, redact(url));
    }
    throw new IllegalArgumentException("unsupported JDBC URL " + redact(url));
  }

  private static String withDefault(String url, String setting, String value) {
    return url.toUpperCase(java.util.Locale.ROOT).contains(";" + setting + "=")
        ? url
        : url + ";" + setting + "=" + value;
  }

  /** The URL without query parameters, which may hold credentials. */
  public static String redact(String url) {
    int cut = url.indexOf('?');
    return cut < 0 ? url : url.substring(0, cut) + "?...";
  }

  /** Runs {@code work} in one transaction: all of it is committed, or none of it. */
  public <T> T inTransaction(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("config database operation failed on " + description, e);
    }
  }

  /** How many migrations {@link #open} applied (0 when the schema was already current). */
  public int migrationsApplied() {
    return migrationsApplied;
  }

  public String description() {
    return description;
  }

  @Override
  public void close() {
    closer.run();
  }
}
