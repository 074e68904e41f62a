package io.fedgate.appliance.s2s;

import io.fedgate.appliance.store.Database;
import io.fedgate.appliance.store.JdbcS2sFailures;
import io.fedgate.xmpp.s2s.S2sFailure;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-domain S2S failure history of the node: answered from memory (the newest {@link
 * #PER_DOMAIN} per remote domain), loaded from the database when the node starts and written
 * through to it on one background thread, so it survives restarts of the service and of the node.
 * {@link #record} never blocks (it is called on S2S event loops): when the writer is {@link
 * #MAX_PENDING} failures behind (a flood of bad peers), further ones stay in memory only and are
 * counted in {@link #dropped}.
 */
public final class FailureHistory implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FailureHistory.class);
  public static final int PER_DOMAIN = 50;
  public static final int TOTAL = 20_000;
  static final int MAX_PENDING = 1_000;

  private final Database database;
  private final JdbcS2sFailures rows = new JdbcS2sFailures();
  private final Map<String, Deque<S2sFailure>> byDomain = new LinkedHashMap<>(16, 0.75f, true);
  private final ThreadPoolExecutor writer;
  private final AtomicLong dropped = new AtomicLong();
  private int size;

  public FailureHistory(Database database) {
    this.database = database;
    this.writer =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_PENDING),
            r -> {
              Thread t = new Thread(r, "s2s-failure-history");
              t.setDaemon(true);
              return t;
            });
    List<S2sFailure> stored = database.inTransaction(rows::all);
    synchronized (byDomain) {
      for (int i = stored.size() - 1; i >= 0; i--) {
        remember(stored.get(i));
      }
    }
  }

  /** Remembers the failure and stores it in the background. */
  public void record(S2sFailure failure) {
    synchronized (byDomain) {
      remember(failure);
    }
    try {
      writer.execute(
          () -> {
            try {
              database.inTransaction(
                  c -> {
                    rows.append(c, failure, PER_DOMAIN, TOTAL);
                    return null;
                  });
            } catch (RuntimeException e) {
              log.warn("could not store an S2S failure of '{}': {}", failure.remoteDomain(), e);
            }
          });
    } catch (RejectedExecutionException e) {
      if (dropped.incrementAndGet() % 1_000 == 1) {
        log.warn("S2S failure history: the database writer is behind; {} not stored", dropped);
      }
    }
  }

  /** The domain's failures, newest first. */
  public List<S2sFailure> failures(String domain) {
    synchronized (byDomain) {
      Deque<S2sFailure> history = byDomain.get(domain.toLowerCase(Locale.ROOT));
      return history == null ? List.of() : List.copyOf(history);
    }
  }

  /** Failures not stored because the writer was behind. */
  public long dropped() {
    return dropped.get();
  }

  private void remember(S2sFailure failure) {
    Deque<S2sFailure> history =
        byDomain.computeIfAbsent(
            failure.remoteDomain().toLowerCase(Locale.ROOT), d -> new ArrayDeque<>());
    history.addFirst(failure);
    size++;
    if (history.size() > PER_DOMAIN) {
      history.removeLast();
      size--;
    }
    // over the total: the least recently touched domains go first (access order)
    var eldest = byDomain.entrySet().iterator();
    while (size > TOTAL && eldest.hasNext()) {
      Deque<S2sFailure> oldest = eldest.next().getValue();
      size -= oldest.size();
      eldest.remove();
    }
  }

  /**
   * Waits (at most 5 s) until the failures recorded so far are stored: the service calls it when it
   * stops, before the node closes the database.
   */
  public void flush() {
    try {
      writer.submit(() -> {}).get(5, TimeUnit.SECONDS);
    } catch (RejectedExecutionException | java.util.concurrent.ExecutionException e) {
      log.warn("S2S failure history: could not wait for the pending writes: {}", e.toString());
    } catch (java.util.concurrent.TimeoutException e) {
      log.warn("S2S failure history: pending writes not done after 5 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits (briefly) for the pending writes, then stops the writer. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
