package io.fedgate.appliance.presence;

import io.fedgate.appliance.service.ServiceComponent;
import io.fedgate.appliance.store.Database;
import io.fedgate.appliance.store.JdbcRosters;
import io.fedgate.appliance.users.UserDirectory;
import io.fedgate.appliance.xmpp.XcpRouter;
import io.fedgate.core.route.InboundStanzas;
import io.fedgate.xmpp.c2s.LocalSessions;
import io.fedgate.xmpp.c2s.StanzaRouter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Presence Engine" service: rosters, subscriptions and presence (RFC 6121) for local users.
 * All of its state is touched only on its own thread, which also does the roster database work, so
 * no Netty event loop ever blocks. Rosters live in the database: a restart rereads them, while
 * which resources are available is rebuilt as clients reconnect (the XMPP Connection Manager, which
 * depends on this service, restarts with it).
 */
public final class PresenceEngine implements ServiceComponent {
  private static final Logger log = LoggerFactory.getLogger(PresenceEngine.class);

  private final RosterBook book;
  private final PresenceRouter router;
  private final RemotePresence remote;
  private final InboundStanzas inbound;
  private final Predicate<String> live;
  private volatile ExecutorService executor;

  /**
   * @param router the XCP Router, for everything that is not presence or roster and for the way off
   *     the node
   * @param live the parameters this service applies without a restart
   */
  public PresenceEngine(
      List<String> localDomains,
      UserDirectory users,
      LocalSessions sessions,
      Database database,
      XcpRouter router,
      Predicate<String> live) {
    Set<String> domains = Set.copyOf(localDomains);
    Accounts accounts = new Accounts(domains, users);
    this.book = new RosterBook(database, new JdbcRosters());
    PresenceState state = new PresenceState(sessions);
    Outbox outbox = new Outbox(domains, sessions, state, router::offNode, router::blocks);
    SubscriptionHandler subscriptions = new SubscriptionHandler(accounts, book, state, outbox);
    PresenceHandler presence = new PresenceHandler(accounts, book, state, outbox);
    router.onBlockChange(
        (user, items, blocked) -> submit(() -> presence.blockChanged(user, items, blocked)));
    this.remote =
        new RemotePresence(accounts, book, state, outbox, subscriptions, router::deliverPresence);
    this.inbound =
        stanza -> {
          if (stanza.name().equals("presence")) {
            submit(() -> remote.handle(stanza)); // dropped while the engine is stopped
          } else {
            router.inbound(stanza);
          }
        };
    this.router =
        new PresenceRouter(
            router.router(),
            this::submit,
            accounts,
            presence,
            subscriptions,
            new RosterIqHandler(book, state, outbox, subscriptions));
    this.live = live;
  }

  /** The router the C2S listeners hand their stanzas to. */
  public StanzaRouter router() {
    return router;
  }

  /**
   * Where the federation gateways hand stanzas from remote domains: presence to this engine's
   * thread, messages and IQs to the XCP Router's delivery. Does not block.
   */
  public InboundStanzas inbound() {
    return inbound;
  }

  @Override
  public void start() {
    executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "presence-engine"));
    submit(book::clear); // reread rosters stored while stopped
  }

  @Override
  public void stop() throws InterruptedException {
    ExecutorService running = executor;
    executor = null;
    if (running != null) {
      running.shutdown();
      running.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  @Override
  public boolean applyLive(String key) {
    return live.test(key);
  }

  private boolean submit(Runnable work) {
    ExecutorService running = executor;
    if (running == null) {
      return false;
    }
    try {
      running.execute(
          () -> {
            try {
              work.run();
            } catch (RuntimeException e) {
              log.warn("presence engine work failed: {}", e.toString());
            }
          });
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }
}
