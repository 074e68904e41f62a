package io.fedgate.appliance.s2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fedgate.appliance.store.Database;
import io.fedgate.appliance.store.JdbcS2sFailures;
import io.fedgate.xmpp.s2s.Direction;
import io.fedgate.xmpp.s2s.FailureReason;
import io.fedgate.xmpp.s2s.S2sFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-domain S2S failure history outlives the node: written to the database (V5) in the
 * background, read back by a new node on the same database file, newest first, bounded per domain.
 */
class FailureHistoryTest {
  private static final Instant T0 = Instant.parse("2026-11-22T05:00:00Z");

  @TempDir Path dir;

  @Test
  void survivesARestartOfTheNodeNewestFirstAndBoundedPerDomain() {
    String url = "jdbc:h2:file:" + dir.resolve("config");
    try (Database database = Database.open(url, "", "");
        FailureHistory history = new FailureHistory(database)) {
      for (int i = 0; i < FailureHistory.PER_DOMAIN + 5; i++) {
        history.record(failure("Prosody.TEST", i, FailureReason.CONNECT_FAILED));
      }
      history.record(failure("other.test", 0, FailureReason.CERTIFICATE_REFUSED));
      assertThat(history.failures("prosody.test")).hasSize(FailureHistory.PER_DOMAIN);
      assertThat(history.failures("prosody.test").get(0).at())
          .isEqualTo(T0.plusSeconds(FailureHistory.PER_DOMAIN + 4));
      awaitStored(database, FailureHistory.PER_DOMAIN + 1);
    }

    try (Database database = Database.open(url, "", "");
        FailureHistory history = new FailureHistory(database)) {
      assertThat(history.failures("prosody.test"))
          .hasSize(FailureHistory.PER_DOMAIN)
          .allSatisfy(f -> assertThat(f.reason()).isEqualTo(FailureReason.CONNECT_FAILED));
      assertThat(history.failures("prosody.test").get(0).at())
          .isEqualTo(T0.plusSeconds(FailureHistory.PER_DOMAIN + 4));
      assertThat(history.failures("prosody.test").get(FailureHistory.PER_DOMAIN - 1).at())
          .isEqualTo(T0.plusSeconds(5));
      assertThat(history.failures("other.test"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.reason()).isEqualTo(FailureReason.CERTIFICATE_REFUSED);
                assertThat(f.detail()).isEqualTo("[UNTRUSTED_ROOT] attempt 0");
                assertThat(f.peerAddress()).isEqualTo("127.0.0.21:5269");
                assertThat(f.direction()).isEqualTo(Direction.OUTBOUND);
              });
      assertThat(history.failures("never.test")).isEmpty();

      // a new failure after the restart is stored too, at the latest when flush() returns
      history.record(failure("other.test", 1, FailureReason.SASL_FAILED));
      history.flush();
      assertThat(database.inTransaction(new JdbcS2sFailures()::all))
          .hasSize(FailureHistory.PER_DOMAIN + 2);
    }
  }

  private static void awaitStored(Database database, int rows) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> database.inTransaction(new JdbcS2sFailures()::all).size() == rows);
  }

  private static S2sFailure failure(String domain, int i, FailureReason reason) {
    return new S2sFailure(
        T0.plusSeconds(i),
        Direction.OUTBOUND,
        "fedgate.test",
        domain,
        "127.0.0.21:5269",
        reason,
        (reason == FailureReason.CERTIFICATE_REFUSED ? "[UNTRUSTED_ROOT] " : "") + "attempt " + i);
  }
}
