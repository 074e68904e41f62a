package io.fedgate.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a process in the middle of config writes: the H2 database must open again,
 * hold every change whose commit was acknowledged, and never half a change (setting without its
 * audit row or the reverse).
 */
class ConfigDatabaseCrashIT {
  @TempDir Path temp;

  @Test
  void killNineDuringWritesNeverBreaksTheDatabase() throws Exception {
    String url = "jdbc:h2:file:" + temp.resolve("db/fedgate").toAbsolutePath();
    int next = 0;
    for (int round : new int[] {1, 40, 250}) {
      int acknowledged = killAfter(url, next, round);
      int highest = next + acknowledged - 1;

      try (Database database = Database.open(url, "", "")) {
        int settings =
            count(database, "SELECT COUNT(*) FROM node_setting WHERE setting_name LIKE 'crash.%'");
        int audits =
            count(database, "SELECT COUNT(*) FROM audit_log WHERE object_id LIKE 'crash.%'");
        assertThat(settings).as("settings and audit rows commit together").isEqualTo(audits);
        for (int i = 0; i <= highest; i++) {
          String name = "crash.k" + i;
          java.util.Optional<String> stored =
              database.inTransaction(
                  c -> new NodeSettings(java.time.Clock.systemUTC()).find(c, name));
          assertThat(stored)
              .as("acknowledged change %s survived", name)
              .hasValue("v".repeat(200) + i);
        }
        next = settings;
      }
    }
  }

  /** Starts a writer, kills it with SIGKILL once it acknowledged {@code atLeast} commits. */
  private static int killAfter(String url, int start, int atLeast) throws Exception {
    Process writer =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashWriter.class.getName(),
                url,
                Integer.toString(start))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    AtomicInteger acknowledged = new AtomicInteger();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.startsWith("committed ")) {
                    acknowledged.incrementAndGet();
                  }
                }
              } catch (java.io.IOException e) {
                // the process was killed
              }
            });
    reader.start();
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> acknowledged.get() >= atLeast || !writer.isAlive());
      assertThat(writer.isAlive()).as("writer still running").isTrue();
      int seen = acknowledged.get(); // commits acknowledged before the kill
      writer.destroyForcibly(); // SIGKILL
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(writer.exitValue()).isEqualTo(137);
      return seen;
    } finally {
      writer.destroyForcibly();
      reader.join(10_000);
    }
  }

  private static int count(Database database, String sql) {
    return database.inTransaction(
        c -> {
          try (ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
          }
        });
  }
}
