package io.fedgate.appliance.xmpp;

import io.fedgate.appliance.service.ServiceComponent;
import io.fedgate.appliance.store.Database;
import io.fedgate.appliance.store.JdbcOfflineMessages;
import io.fedgate.appliance.users.UserDirectory;
import io.fedgate.xmpp.c2s.LocalSessions;
import io.fedgate.xmpp.c2s.StanzaRouter;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * The "XCP Router" service: owns the {@link StanzaRouter} the C2S listeners use and the offline
 * store's thread. Stopping it drains the queued offline writes first (the XMPP Connection Manager,
 * which depends on it, is stopped before it).
 */
public final class XcpRouter implements ServiceComponent {
  private final OfflineStore offline;
  private final LocalRouter router;
  private final Predicate<String> live;

  /**
   * @param offlineLimit the current {@code presence.offline-messages-per-user}
   * @param live the parameters and objects this service applies without a restart
   */
  public XcpRouter(
      List<String> localDomains,
      UserDirectory users,
      LocalSessions sessions,
      Database database,
      JdbcOfflineMessages messages,
      IntSupplier offlineLimit,
      Predicate<String> live) {
    this.offline = new OfflineStore(database, messages, offlineLimit, localDomains.get(0));
    this.router = new LocalRouter(localDomains, users, sessions, offline);
    this.live = live;
  }

  public StanzaRouter router() {
    return router;
  }

  @Override
  public void start() {
    offline.start();
  }

  @Override
  public void stop() throws InterruptedException {
    offline.stop();
  }

  @Override
  public boolean applyLive(String key) {
    return live.test(key);
  }
}
