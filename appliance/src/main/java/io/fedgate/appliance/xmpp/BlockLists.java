package io.fedgate.appliance.xmpp;

import io.fedgate.appliance.store.Database;
import io.fedgate.appliance.store.JdbcBlockLists;
import io.fedgate.appliance.store.LocalUser;
import io.fedgate.appliance.users.UserDirectory;
import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.Blocking;
import io.fedgate.xmpp.c2s.ClientSession;
import io.fedgate.xmpp.c2s.InboundFilter;
import io.fedgate.xmpp.c2s.LocalSessions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XEP-0191 Blocking Command for local users. Block lists are stored in {@code blocked_jid} and kept
 * in memory for the event loops (read at start, changed only on this object's own thread after the
 * database write). The blocking IQs (§3.1-§3.4) are answered and pushed to every resource of the
 * user; a stanza from a blocked JID is dropped before it reaches the user's sessions, messages and
 * IQ requests answered with {@code service-unavailable} (§3.5); a message or IQ the user sends to a
 * JID it blocked is refused with {@code not-acceptable} and {@code <blocked/>} (§3.6).
 */
final class BlockLists implements InboundFilter, LocalRouter.OutboundCheck {
  private static final Logger log = LoggerFactory.getLogger(BlockLists.class);

  private final Database database;
  private final JdbcBlockLists rows;
  private final UserDirectory users;
  private final LocalSessions sessions;
  private final ConcurrentMap<Long, Set<Jid>> lists = new ConcurrentHashMap<>();
  private volatile Consumer<XmlElement> replies = e -> {};
  private volatile XcpRouter.BlockListener changes = (user, items, blocked) -> {};
  private volatile ExecutorService executor;

  BlockLists(Database database, JdbcBlockLists rows, UserDirectory users, LocalSessions sessions) {
    this.database = database;
    this.rows = rows;
    this.users = users;
    this.sessions = sessions;
  }

  /** Where error replies to blocked senders go (the router: local sessions or a gateway). */
  void replyThrough(Consumer<XmlElement> router) {
    this.replies = router;
  }

  /** Who is told after a user's list changed (the Presence Engine, XEP-0191 §3.3-§3.4). */
  void onChange(XcpRouter.BlockListener listener) {
    this.changes = listener;
  }

  void start() {
    Map<Long, List<String>> stored = database.inTransaction(rows::all);
    lists.clear();
    stored.forEach(
        (id, jids) ->
            lists.put(id, Set.copyOf(jids.stream().flatMap(j -> Jid.parse(j).stream()).toList())));
    executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "block-lists"));
    sessions.filter(this);
  }

  void stop() throws InterruptedException {
    sessions.filter(InboundFilter.ACCEPT_ALL);
    ExecutorService running = executor;
    executor = null;
    if (running != null) {
      running.shutdown();
      running.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  /**
   * A stanza from a local user: true when it was a blocking IQ (answered) or addressed to a JID the
   * user blocked (refused, §3.6), so the router does nothing more with it.
   */
  @Override
  public boolean intercept(XmlElement stanza, ClientSession sender) {
    Optional<XmlElement> command = command(stanza, sender);
    if (command.isPresent()) {
      command(stanza, command.get(), sender);
      return true;
    }
    Optional<Jid> to = stanza.attribute("to").flatMap(Jid::parse);
    if (to.isEmpty() || !blocks(sender.jid(), to.get())) {
      return false;
    }
    String type = stanza.attribute("type").orElse("");
    if (!stanza.name().equals("presence") && !type.equals("error") && !type.equals("result")) {
      XmlElement error = StanzaErrors.reply(stanza, "not-acceptable", "cancel", domain(sender));
      XmlElement detail =
          error.childElements().get(0).withChild(XmlElement.of(Blocking.ERRORS, "blocked"));
      sender.deliver(
          new XmlElement(error.namespace(), error.name(), error.attributes(), List.of(detail)));
    }
    return true;
  }

  /** §3.5: stanzas from a JID the recipient blocked never reach it. */
  @Override
  public boolean accept(Jid recipient, XmlElement stanza) {
    Optional<Jid> from = stanza.attribute("from").flatMap(Jid::parse);
    if (from.isEmpty()
        || from.get().bare().equals(recipient.bare())
        || isRefusal(stanza)
        || !blocks(recipient, from.get())) {
      return true;
    }
    String type = stanza.attribute("type").orElse(stanza.name().equals("message") ? "normal" : "");
    boolean answered =
        stanza.name().equals("message")
            ? !type.equals("error")
            : stanza.name().equals("iq") && (type.equals("get") || type.equals("set"));
    if (answered) {
      replies.accept(
          StanzaErrors.reply(stanza, "service-unavailable", "cancel", recipient.domain()));
    }
    return false;
  }

  /** Our own §3.6 answer to the user, which names the blocked contact as its sender. */
  private static boolean isRefusal(XmlElement stanza) {
    return stanza.attribute("type").filter("error"::equals).isPresent()
        && stanza
            .child(stanza.namespace(), "error")
            .flatMap(e -> e.child(Blocking.ERRORS, "blocked"))
            .isPresent();
  }

  /** Whether the user {@code owner} blocked {@code other}. */
  boolean blocks(Jid owner, Jid other) {
    Set<Jid> items = userId(owner).map(lists::get).orElse(Set.of());
    return items.stream().anyMatch(item -> Blocking.covers(item, other));
  }

  /** The blocking payload of an IQ for the user's own account (no 'to', or the bare JID). */
  private static Optional<XmlElement> command(XmlElement stanza, ClientSession sender) {
    if (!stanza.name().equals("iq")
        || !stanza.attribute("to").map(t -> t.equals(sender.jid().bare().toString())).orElse(true)
        || stanza.childElements().size() != 1) {
      return Optional.empty();
    }
    XmlElement payload = stanza.childElements().get(0);
    return Blocking.NAMESPACE.equals(payload.namespace()) ? Optional.of(payload) : Optional.empty();
  }

  private void command(XmlElement iq, XmlElement payload, ClientSession sender) {
    String type = iq.attribute("type").orElse("");
    Optional<Long> id = userId(sender.jid());
    if (id.isEmpty()) {
      sender.deliver(error(iq, sender, "service-unavailable"));
      return;
    }
    if (type.equals("get") && payload.name().equals("blocklist")) {
      XmlElement list = XmlElement.of(Blocking.NAMESPACE, "blocklist");
      for (Jid item : lists.getOrDefault(id.get(), Set.of())) {
        list = list.withChild(item(item));
      }
      sender.deliver(result(iq, sender).withChild(list));
      return;
    }
    boolean block = payload.name().equals("block");
    if (!type.equals("set") || !(block || payload.name().equals("unblock"))) {
      sender.deliver(error(iq, sender, "bad-request"));
      return;
    }
    List<Jid> items = new ArrayList<>();
    for (XmlElement item : payload.childElements()) {
      Optional<Jid> jid =
          item.name().equals("item") ? item.attribute("jid").flatMap(Jid::parse) : Optional.empty();
      if (jid.isEmpty()) {
        sender.deliver(error(iq, sender, "jid-malformed"));
        return;
      }
      items.add(jid.get());
    }
    if (block && items.isEmpty()) {
      sender.deliver(error(iq, sender, "bad-request")); // §3.3: at least one item
      return;
    }
    submit(
        () -> change(id.get(), block, items, iq, payload, sender),
        () -> sender.deliver(error(iq, sender, "service-unavailable")));
  }

  /** On this object's thread: write, update memory, answer, push to every resource (§3.3-§3.4). */
  private void change(
      long userId,
      boolean block,
      List<Jid> items,
      XmlElement iq,
      XmlElement payload,
      ClientSession sender) {
    database.inTransaction(
        c -> {
          if (!block && items.isEmpty()) {
            rows.clear(c, userId);
          }
          for (Jid item : items) {
            if (block) {
              rows.add(c, userId, item.toString());
            } else {
              rows.remove(c, userId, item.toString());
            }
          }
          return null;
        });
    Set<Jid> before = lists.getOrDefault(userId, Set.of());
    Set<Jid> now = new LinkedHashSet<>(before);
    if (block) {
      now.addAll(items);
    } else if (items.isEmpty()) {
      now.clear();
    } else {
      items.forEach(now::remove);
    }
    lists.put(userId, Set.copyOf(now));
    // before the answer, so that the engine handles the change before anything the client sends
    // once answered; unblock with no item unblocks everything: the whole old list is concerned
    changes.changed(
        sender.jid().bare(), block || !items.isEmpty() ? items : List.copyOf(before), block);
    sender.deliver(result(iq, sender));
    for (ClientSession session : sessions.ofUser(sender.jid().bare())) {
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("type", "set");
      attributes.put("id", "push-" + Long.toHexString(System.nanoTime()));
      attributes.put("to", session.jid().toString());
      session.deliver(new XmlElement(Namespaces.CLIENT, "iq", attributes, List.of(payload)));
    }
  }

  private void submit(Runnable work, Runnable failed) {
    ExecutorService running = executor;
    try {
      if (running == null) {
        throw new RejectedExecutionException("stopped");
      }
      running.execute(
          () -> {
            try {
              work.run();
            } catch (RuntimeException e) {
              log.warn("block list change failed: {}", e.toString());
              failed.run();
            }
          });
    } catch (RejectedExecutionException e) {
      failed.run();
    }
  }

  private Optional<Long> userId(Jid jid) {
    return jid.local().isEmpty()
        ? Optional.empty()
        : users.enabled(jid.local(), jid.domain()).map(LocalUser::id);
  }

  private static XmlElement item(Jid jid) {
    return new XmlElement(Blocking.NAMESPACE, "item", Map.of("jid", jid.toString()), List.of());
  }

  private static XmlElement result(XmlElement iq, ClientSession sender) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("type", "result");
    iq.attribute("id").ifPresent(v -> attributes.put("id", v));
    attributes.put("to", sender.jid().toString());
    return new XmlElement(Namespaces.CLIENT, "iq", attributes, List.of());
  }

  private static XmlElement error(XmlElement iq, ClientSession sender, String condition) {
    return StanzaErrors.reply(iq, condition, type(condition), domain(sender));
  }

  private static String type(String condition) {
    return condition.equals("service-unavailable") ? "cancel" : "modify";
  }

  private static String domain(ClientSession sender) {
    return sender.jid().domain();
  }
}
