package io.fedgate.appliance.xmpp;

import io.fedgate.appliance.store.Database;
import io.fedgate.appliance.store.JdbcOfflineMessages;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.ClientSession;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline messages (RFC 6121 §8.5.2.2.1): stored in {@code offline_message}, bounded per user, and
 * delivered with a XEP-0203 delay stamp when the user next sends available presence. All database
 * work runs on this store's own thread, never on a Netty event loop. {@link #stop} finishes the
 * queued work first, so stopping the router loses no accepted message.
 */
final class OfflineStore {
  private static final Logger log = LoggerFactory.getLogger(OfflineStore.class);
  private static final String DELAY = "urn:xmpp:delay";

  private final Database database;
  private final JdbcOfflineMessages messages;
  private final IntSupplier limit;
  private final String domain;
  private volatile ExecutorService executor;

  /**
   * @param limit the current {@code presence.offline-messages-per-user} (read on each store)
   */
  OfflineStore(Database database, JdbcOfflineMessages messages, IntSupplier limit, String domain) {
    this.database = database;
    this.messages = messages;
    this.limit = limit;
    this.domain = domain;
  }

  void start() {
    executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "offline-messages"));
  }

  void stop() throws InterruptedException {
    ExecutorService running = executor;
    executor = null;
    if (running != null) {
      running.shutdown();
      running.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  /** Stores the message; runs {@code refused} (on the store's thread) when it cannot. */
  void store(long userId, XmlElement message, Runnable refused) {
    String sender = message.attribute("from").orElse("");
    String xml = message.toXml();
    submit(
        () -> {
          boolean stored =
              database.inTransaction(c -> messages.store(c, userId, sender, xml, limit.getAsInt()));
          if (!stored) {
            log.info("offline storage full for user {}: message refused", userId);
            refused.run();
          }
        },
        refused);
  }

  /** Sends the user's stored messages to this session, then forgets them. */
  void deliver(long userId, ClientSession session) {
    submit(
        () -> {
          for (JdbcOfflineMessages.Stored stored :
              database.inTransaction(c -> messages.take(c, userId))) {
            StoredStanzas.parse(stored.stanza())
                .map(
                    m ->
                        m.withChild(
                            new XmlElement(
                                DELAY,
                                "delay",
                                Map.of("from", domain, "stamp", stored.storedAt().toString()),
                                java.util.List.of())))
                .ifPresent(session::deliver);
          }
        },
        () -> {});
  }

  private void submit(Runnable work, Runnable failed) {
    ExecutorService running = executor;
    try {
      if (running == null) {
        throw new RejectedExecutionException("the XCP Router is stopped");
      }
      running.execute(
          () -> {
            try {
              work.run();
            } catch (RuntimeException e) {
              log.warn("offline message store failed: {}", e.toString());
              failed.run();
            }
          });
    } catch (RejectedExecutionException e) {
      failed.run();
    }
  }
}
