package io.fedgate.appliance.xmpp;

import io.fedgate.appliance.service.ServiceComponent;
import io.fedgate.appliance.store.Database;
import io.fedgate.appliance.store.JdbcBlockLists;
import io.fedgate.appliance.store.JdbcOfflineMessages;
import io.fedgate.appliance.users.UserDirectory;
import io.fedgate.core.route.RemoteDomains;
import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.LocalSessions;
import io.fedgate.xmpp.c2s.StanzaRouter;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * The "XCP Router" service: owns the {@link StanzaRouter} the C2S listeners use, the way off the
 * node through the federation gateways ({@link #offNode}), the way in for stanzas from remote
 * domains ({@link #inbound}) and the offline store's thread. Stopping it drains the queued offline
 * writes first (the XMPP Connection Manager, which depends on it, is stopped before it). It also
 * keeps the users' XEP-0191 block lists ({@link BlockLists}).
 */
public final class XcpRouter implements ServiceComponent {
  private final OfflineStore offline;
  private final LocalRouter router;
  private final BlockLists blocks;
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
      RemoteDomains remote,
      Predicate<String> live) {
    this.offline = new OfflineStore(database, messages, offlineLimit, localDomains.get(0));
    this.blocks = new BlockLists(database, new JdbcBlockLists(), users, sessions);
    this.router =
        new LocalRouter(localDomains, users, sessions, offline, remote, blocks::intercept);
    blocks.replyThrough(router::reply);
    this.live = live;
  }

  public StanzaRouter router() {
    return router;
  }

  /**
   * A stanza from a local JID to a remote domain: to the gateway serving it; a failure comes back
   * to the local sender as an error stanza. Does not block.
   */
  public void offNode(XmlElement stanza) {
    router.offNode(stanza);
  }

  /**
   * A message or IQ from a remote domain for a local JID (presence goes through the Presence Engine
   * first). Does not block.
   */
  public void inbound(XmlElement stanza) {
    router.inbound(stanza);
  }

  /** Remote presence the Presence Engine lets through: to the session or available sessions. */
  public void deliverPresence(XmlElement stanza, Jid to) {
    router.deliverPresence(stanza, to);
  }

  /** Told after a local user blocked or unblocked JIDs (XEP-0191 §3.3-§3.4). */
  public interface BlockListener {
    /**
     * Called on the block lists' thread after the change is stored.
     *
     * @param user the user's bare JID
     * @param items the JIDs (block-list items) blocked or unblocked
     */
    void changed(Jid user, List<Jid> items, boolean blocked);
  }

  /** Registers who is told about block-list changes (one listener: the Presence Engine). */
  public void onBlockChange(BlockListener listener) {
    blocks.onChange(listener);
  }

  /** XEP-0191: whether the local user {@code owner} blocked {@code other}. Does not block. */
  public boolean blocks(Jid owner, Jid other) {
    return blocks.blocks(owner, other);
  }

  @Override
  public void start() {
    offline.start();
    blocks.start();
  }

  @Override
  public void stop() throws InterruptedException {
    blocks.stop();
    offline.stop();
  }

  @Override
  public boolean applyLive(String key) {
    return live.test(key);
  }
}
