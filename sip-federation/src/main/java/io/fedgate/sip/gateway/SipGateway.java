package io.fedgate.sip.gateway;

import gov.nist.javax.sip.Utils;
import gov.nist.javax.sip.message.SIPMessage;
import io.fedgate.core.route.InboundStanzas;
import io.fedgate.core.route.RemoteGateway;
import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.gate.Refusal;
import io.fedgate.sip.jain.InboundRequest;
import io.fedgate.sip.jain.SipEndpoint;
import io.fedgate.sip.message.NameAddr;
import io.fedgate.sip.message.SipMessage;
import io.fedgate.sip.message.SipMessages;
import io.fedgate.sip.message.SipParse;
import io.fedgate.sip.session.ImSession;
import io.fedgate.sip.session.ImSessionAction;
import io.fedgate.sip.session.ImSessionEvent;
import io.fedgate.sip.session.ImSessionState;
import io.fedgate.sip.session.ImSessionTransition;
import io.fedgate.sip.session.NotifyQueue;
import io.fedgate.sip.session.SipSubscription;
import io.fedgate.sip.session.SipSubscriptionAction;
import io.fedgate.sip.session.SipSubscriptionEvent;
import io.fedgate.sip.session.SipSubscriptionState;
import io.fedgate.sip.session.SipSubscriptionTransition;
import io.fedgate.sip.translate.AddressMapping;
import io.fedgate.sip.translate.ErrorMapping;
import io.fedgate.sip.translate.ImTranslator;
import io.fedgate.sip.translate.PresenceTranslator;
import io.fedgate.sip.translate.ReasonPhrases;
import io.fedgate.sip.translate.SessionOffer;
import io.fedgate.sip.translate.SubscriptionState;
import io.fedgate.sip.translate.Translation;
import io.fedgate.sip.translate.TypingDialect;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP federation gateway (RFC 7247 X2S and S2X in one B2BUA): requests that passed the
 * endpoint's gate are translated with sip-map's translators and handed to the router; stanzas the
 * router gives for SIP federated domains are translated and sent to the domain's next hop, trying
 * the route's candidates in order. IM: page-mode MESSAGE both ways for messages without type
 * 'chat'; Lync session mode (INVITE with the embedded first message, in-dialog MESSAGE, INFO
 * typing, BYE = gone) for chat messages, reusing a dialog the peer opened or opening one. Never
 * routes SIP back to SIP: inbound stanzas must be for a local domain and from a remote one.
 */
public final class SipGateway implements RemoteGateway, SipEndpoint.Handler {
  private static final Logger LOG = LoggerFactory.getLogger(SipGateway.class);

  private final Predicate<String> localDomain;
  private final NextHops nextHops;
  private final InboundStanzas inbound;
  private final Executor executor;
  private final NextHopHealth health;
  private final BooleanSupplier imEnabled;
  private final ScheduledExecutorService timers;
  private final Supplier<Duration> idleTimeout;
  private final Predicate<Jid> localUser;
  private final Clock clock;

  /** IM conversations by {@code local bare JID|remote bare JID}. */
  private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();

  /** The conversation of each open IM dialog, by Call-ID. */
  private final Map<String, Conversation> byCallId = new ConcurrentHashMap<>();

  /** Every presence subscription dialog the gateway knows (both roles), by Call-ID. */
  private final Map<String, Subscription> subscriptionsByCallId = new ConcurrentHashMap<>();

  /** The gateway's subscriptions for local watchers (subscriber role), by watcher|presentity. */
  private final Map<String, Subscription> subscribers = new ConcurrentHashMap<>();

  /** SIP watchers' subscriptions to local users (notifier role), by presentity|watcher. */
  private final Map<String, Set<Subscription>> notifiers = new ConcurrentHashMap<>();

  private final AtomicLong cseq = new AtomicLong(1);
  private volatile SipEndpoint endpoint;

  /**
   * @param localDomain the XMPP domains this node serves
   * @param executor runs route resolution (may do DNS) and sends; never the caller's thread
   */
  public SipGateway(
      Predicate<String> localDomain, NextHops nextHops, InboundStanzas inbound, Executor executor) {
    this(
        localDomain,
        nextHops,
        inbound,
        executor,
        new NextHopHealth(NextHopHealth.Settings::defaults, Clock.systemUTC()),
        () -> true,
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sip-gateway-timers");
              t.setDaemon(true);
              return t;
            }),
        () -> DEFAULT_IDLE);
  }

  /** RFC 7573 §7 / PROTOCOL.md §5.2: an IM dialog without traffic for this long is closed. */
  public static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);

  /**
   * @param health next hop health: down hops are tried last; every request's outcome is recorded
   * @param imEnabled IM Gateway Status ({@code sip.im-gateway-status}): when off, SIP IM is refused
   *     both ways (presence still flows)
   * @param timers runs the IM sessions' timers (idle clean-up, synthesized paused)
   * @param idleTimeout read when a conversation starts: an IM dialog idle this long is closed with
   *     BYE
   */
  public SipGateway(
      Predicate<String> localDomain,
      NextHops nextHops,
      InboundStanzas inbound,
      Executor executor,
      NextHopHealth health,
      BooleanSupplier imEnabled,
      ScheduledExecutorService timers,
      Supplier<Duration> idleTimeout) {
    this(
        localDomain,
        nextHops,
        inbound,
        executor,
        health,
        imEnabled,
        timers,
        idleTimeout,
        jid -> true,
        Clock.systemUTC());
  }

  /**
   * @param localUser whether a bare JID of a local domain is a known, enabled user (read per
   *     request; must not block): requests for other local addresses get 404
   * @param clock the subscriptions' and IM sessions' clock
   */
  public SipGateway(
      Predicate<String> localDomain,
      NextHops nextHops,
      InboundStanzas inbound,
      Executor executor,
      NextHopHealth health,
      BooleanSupplier imEnabled,
      ScheduledExecutorService timers,
      Supplier<Duration> idleTimeout,
      Predicate<Jid> localUser,
      Clock clock) {
    this.localUser = localUser;
    this.clock = clock;
    this.localDomain = localDomain;
    this.nextHops = nextHops;
    this.inbound = inbound;
    this.executor = executor;
    this.health = health;
    this.imEnabled = imEnabled;
    this.timers = timers;
    this.idleTimeout = idleTimeout;
  }

  /** The next hop health table this gateway records into. */
  public NextHopHealth health() {
    return health;
  }

  /** Refusal of SIP IM while IM Gateway Status is off (diagnostic in fedgate's range). */
  static final Refusal IM_GATEWAY_OFF =
      Refusal.of(
          403, "im-gateway.off", 52006, "IM Gateway Status is off: federated IM is not accepted");

  /** Refusal of a request for a local address that is no user (RFC 7247 §7: item-not-found). */
  static final Refusal UNKNOWN_USER = Refusal.of(404, "user.unknown", 52007, "no such user");

  /** Binds the endpoint the gateway answers and sends through (after it started). */
  public void bind(SipEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** One IM dialog with a remote user. */
  private record Dialog(
      String callId,
      String localUri,
      String localTag,
      String remoteUri,
      String remoteTag,
      String remoteTarget,
      String remoteDomain) {
    Dialog confirmed(String tag, String target) {
      return new Dialog(callId, localUri, localTag, remoteUri, tag, target, remoteDomain);
    }
  }

  // ---------------------------------------------------------------- inbound (SIP -> XMPP)

  @Override
  public void onRequest(InboundRequest request) {
    SipMessage message;
    SipParse parse =
        SipMessages.parse(((SIPMessage) request.request()).encodeAsBytes(transportOf(request)));
    if (parse instanceof SipParse.Rejected rejected) {
      respond(request, rejected.status(), rejected.reason());
      return;
    }
    message = ((SipParse.Parsed) parse).sipMessage();
    String method = message.method();
    if (!imEnabled.getAsBoolean()
        && (method.equals("MESSAGE") || method.equals("INVITE") || method.equals("INFO"))) {
      refuse(request, IM_GATEWAY_OFF);
      return;
    }
    switch (method) {
      case "MESSAGE":
        onMessage(request, message);
        return;
      case "INVITE":
        onInvite(request, message);
        return;
      case "INFO":
        if (!inConversation(request, message)) {
          deliver(request, ImTranslator.typingToXmpp(message));
        }
        return;
      case "BYE":
        if (!inConversation(request, message)) {
          deliver(request, ImTranslator.byeToXmpp(message));
        }
        return;
      case "SUBSCRIBE":
        onSubscribe(request, message);
        return;
      case "NOTIFY":
        if (inSubscription(request, message)) {
          return;
        }
        if (pending(message)) {
          request.respond(Response.OK); // PROTOCOL.md §4.1: pending -> nothing for XMPP
          return;
        }
        deliver(request, PresenceTranslator.notifyToXmpp(message));
        return;
      case "BENOTIFY":
        // best-effort NOTIFY: processed, never answered
        if (inSubscription(request, message) || pending(message)) {
          return;
        }
        PresenceTranslator.notifyToXmpp(message)
            .asOptional()
            .filter(this::admissible)
            .ifPresent(inbound::deliver);
        return;
      case "ACK":
        return;
      case "CANCEL":
        request.respond(Response.OK);
        return;
      default:
        respond(request, 405, "Method Not Allowed");
    }
  }

  /** A NOTIFY of a subscription the SIP side has not decided on yet (RFC 8048 §5). */
  private static boolean pending(SipMessage notify) {
    return notify
        .header("Subscription-State")
        .map(v -> SubscriptionState.parse(v).state() == SubscriptionState.State.PENDING)
        .orElse(false);
  }

  private static String transportOf(InboundRequest request) {
    return request.listener().transport();
  }

  private void onMessage(InboundRequest request, SipMessage message) {
    if (!inConversation(request, message)) {
      Translation<XmlElement> translated = ImTranslator.pageMessageToXmpp(message);
      if (translated.asOptional().filter(this::admissible).filter(this::unknownUser).isPresent()) {
        refuse(request, UNKNOWN_USER);
        return;
      }
      deliver(request, translated);
    }
  }

  /** Addressed to a local domain but to no user the node has (enabled). */
  private boolean unknownUser(XmlElement stanza) {
    return stanza
        .attribute("to")
        .flatMap(Jid::parse)
        .map(to -> to.local().isEmpty() || !localUser.test(to.bare()))
        .orElse(true);
  }

  /**
   * Hands an in-dialog MESSAGE/INFO/BYE to its IM session, or answers 481 when it names a dialog
   * (To tag) the gateway does not have; false for requests outside any dialog.
   */
  private boolean inConversation(InboundRequest request, SipMessage message) {
    Conversation conversation = byCallId.get(message.header("Call-ID").orElse(""));
    if (conversation == null) {
      boolean inDialog =
          NameAddr.parse(message.header("To").orElse(""))
              .flatMap(a -> a.parameter("tag"))
              .isPresent();
      if (inDialog) {
        // RFC 3261 §12.2.2: a request inside a dialog we do not have (ended, or before a restart)
        respond(request, 481, "Call/Transaction Does Not Exist");
        return true;
      }
      return false;
    }
    conversation.handle(new ImSessionEvent.RemoteRequest(message), request);
    return true;
  }

  private void onInvite(InboundRequest request, SipMessage invite) {
    if (!ImTranslator.isImSession(invite)) {
      respond(request, 488, "Not Acceptable Here");
      return;
    }
    Translation<XmlElement> first = ImTranslator.inviteToXmpp(invite);
    if (first instanceof Translation.Refused<XmlElement> refused) {
      respond(request, refused.sipStatus(), refused.reasonCode());
      return;
    }
    Optional<XmlElement> stanza = first.asOptional();
    if (stanza.isPresent() && !admissible(stanza.get())) {
      respond(request, 403, "Forbidden");
      return;
    }
    Optional<Jid> local =
        NameAddr.parse(invite.header("To").orElse(""))
            .flatMap(a -> AddressMapping.toJid(a.uri()).asOptional());
    Optional<Jid> remote =
        NameAddr.parse(invite.header("From").orElse(""))
            .flatMap(a -> AddressMapping.toJid(a.uri()).asOptional());
    if (local.isEmpty() || remote.isEmpty()) {
      respond(request, 404, "Not Found");
      return;
    }
    if (!localDomain.test(local.get().domain()) || localDomain.test(remote.get().domain())) {
      respond(request, 403, "Forbidden"); // never SIP to SIP, never a spoofed local sender
      return;
    }
    if (local.get().local().isEmpty() || !localUser.test(local.get().bare())) {
      refuse(request, UNKNOWN_USER);
      return;
    }
    conversation(local.get(), remote.get())
        .handle(new ImSessionEvent.RemoteInvite(invite), request);
  }

  /**
   * RFC 8048 §4.2 / PROTOCOL.md §4.2: a SIP watcher's SUBSCRIBE. Outside a dialog it opens a
   * subscription ({@link SipSubscription} in the notifier role: 200 at once, the subscription
   * request or a probe for a fetch to the local user, an immediate NOTIFY pending in the new
   * dialog); inside one it refreshes or cancels it, or gets 481 when the gateway has no such
   * dialog.
   */
  private void onSubscribe(InboundRequest request, SipMessage subscribe) {
    if (hasToTag(subscribe)) {
      Subscription existing = subscriptionsByCallId.get(subscribe.header("Call-ID").orElse(""));
      if (existing == null || !existing.notifier) {
        respond(request, 481, "Call/Transaction Does Not Exist");
        return;
      }
      existing.handle(
          new SipSubscriptionEvent.RemoteSubscribe(subscribe, true, false, Optional.empty()),
          request);
      return;
    }
    Translation<XmlElement> translated = PresenceTranslator.subscribeToXmpp(subscribe);
    if (translated instanceof Translation.Refused<XmlElement> refused) {
      Response response = endpoint.response(refused.sipStatus(), request.request());
      try {
        for (var header : refused.headers()) {
          response.addHeader(endpoint.headers().createHeader(header.name(), header.value()));
        }
      } catch (ParseException e) {
        // the status alone
      }
      request.respond(response);
      return;
    }
    Optional<XmlElement> stanza = translated.asOptional();
    if (stanza.isEmpty() || !admissible(stanza.get())) {
      respond(request, 403, "Forbidden");
      return;
    }
    Jid presentity = stanza.get().attribute("to").flatMap(Jid::parse).orElseThrow().bare();
    Jid watcher = stanza.get().attribute("from").flatMap(Jid::parse).orElseThrow().bare();
    if (!localUser.test(presentity)) {
      refuse(request, UNKNOWN_USER);
      return;
    }
    String key = pair(presentity, watcher);
    Optional<XmlElement> cached =
        notifiersOf(key).stream().flatMap(n -> n.lastPresence().stream()).findFirst();
    Subscription subscription =
        new Subscription(presentity, watcher, SipSubscription.Role.NOTIFIER);
    notifiers.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(subscription);
    subscription.handle(
        new SipSubscriptionEvent.RemoteSubscribe(subscribe, false, false, cached), request);
  }

  /**
   * Hands a NOTIFY/BENOTIFY in the dialog of one of the gateway's own subscriptions to it; false
   * for one the gateway does not know (translated on its own: tolerated, e.g. after a restart).
   */
  private boolean inSubscription(InboundRequest request, SipMessage notify) {
    Subscription subscription = subscriptionsByCallId.get(notify.header("Call-ID").orElse(""));
    if (subscription == null || subscription.notifier) {
      return false;
    }
    subscription.notified(notify, request);
    return true;
  }

  private static boolean hasToTag(SipMessage request) {
    return NameAddr.parse(request.header("To").orElse(""))
        .flatMap(a -> a.parameter("tag"))
        .isPresent();
  }

  private Set<Subscription> notifiersOf(String key) {
    return notifiers.getOrDefault(key, Set.of());
  }

  private void deliver(InboundRequest request, Translation<XmlElement> translation) {
    if (translation instanceof Translation.Refused<XmlElement> refused) {
      respond(request, refused.sipStatus(), refused.reasonCode());
      return;
    }
    Optional<XmlElement> stanza = translation.asOptional();
    if (stanza.isPresent() && !admissible(stanza.get())) {
      respond(request, 403, "Forbidden");
      return;
    }
    // the stanza first: the XMPP delivery does not wait for the 200's TLS write (JAIN-SIP
    // serialises the writes on a connection); a delivery that throws gets 500 instead of the 200
    stanza.ifPresent(inbound::deliver);
    request.respond(Response.OK);
  }

  /** From a remote domain to a local one: never SIP to SIP, never a spoofed local sender. */
  private boolean admissible(XmlElement stanza) {
    Optional<Jid> to = stanza.attribute("to").flatMap(Jid::parse);
    Optional<Jid> from = stanza.attribute("from").flatMap(Jid::parse);
    return to.isPresent()
        && from.isPresent()
        && localDomain.test(to.get().domain())
        && !localDomain.test(from.get().domain());
  }

  private void refuse(InboundRequest request, Refusal refusal) {
    LOG.info(
        "SIP {} from {} refused: {}",
        request.request().getMethod(),
        request.peer(),
        refusal.code());
    Response response = endpoint.response(refusal.status(), request.request());
    try {
      response.setReasonPhrase(ReasonPhrases.of(refusal.status()));
      response.addHeader(
          endpoint
              .headers()
              .createHeader("ms-diagnostics", refusal.diagnosticHeader(endpoint.localFqdn())));
    } catch (ParseException e) {
      // the status alone
    }
    request.respond(response);
  }

  private void respond(InboundRequest request, int status, String reason) {
    Response response = endpoint.response(status, request.request());
    try {
      response.setReasonPhrase(reason);
    } catch (ParseException e) {
      // keep the default phrase
    }
    request.respond(response);
  }

  private void copyExtraHeaders(SipMessage from, Response to) throws ParseException {
    for (var header : from.headers()) {
      String name = header.name().toLowerCase(Locale.ROOT);
      if (List.of(
              "via", "from", "to", "call-id", "cseq", "content-length", "content-type", "contact")
          .contains(name)) {
        continue;
      }
      to.addHeader(endpoint.headers().createHeader(header.name(), header.value()));
    }
  }

  // ---------------------------------------------------------------- outbound (XMPP -> SIP)

  @Override
  public void send(XmlElement stanza, Consumer<String> failed) {
    if ("error".equals(stanza.attribute("type").orElse(""))) {
      return;
    }
    if ("presence".equals(stanza.name())) {
      // on the caller's thread, so one user's presence keeps its order; the I/O goes to the
      // executor
      sendPresence(stanza);
      return;
    }
    if (!"message".equals(stanza.name()) || !imEnabled.getAsBoolean()) {
      failed.accept("service-unavailable");
      return;
    }
    executor.execute(() -> sendMessage(stanza, failed));
  }

  private void sendMessage(XmlElement stanza, Consumer<String> failed) {
    Optional<Jid> to = stanza.attribute("to").flatMap(Jid::parse);
    Optional<Jid> from = stanza.attribute("from").flatMap(Jid::parse);
    if (to.isEmpty() || from.isEmpty()) {
      failed.accept("jid-malformed");
      return;
    }
    String domain = to.get().domain();
    boolean chat = "chat".equals(stanza.attribute("type").orElse(""));
    if (chat) {
      conversation(from.get(), to.get()).fromXmpp(stanza, failed);
      return;
    }
    Translation<SipMessage> page = ImTranslator.toPageMessage(stanza);
    if (page instanceof Translation.Refused<SipMessage> refused) {
      failed.accept(refused.condition().elementName());
      return;
    }
    page.asOptional()
        .ifPresent(
            m ->
                request(complete(m, "MESSAGE", Utils.getInstance().generateTag()), domain)
                    .whenComplete((response, error) -> outcome(response, error, failed)));
  }

  /**
   * Presence out (RFC 8048, PROTOCOL.md §4): a subscription request starts the gateway's own
   * subscription for the local watcher ({@link SipSubscription}, subscriber role: it refreshes
   * before expiry and on the watcher's initial presence); a probe refreshes it, or is a fetch
   * ({@code Expires: 0} in a new dialog) when there is none; the local user's answers and
   * availability go to the SIP watchers' subscriptions as NOTIFYs in their dialogs. Presence is
   * never bounced.
   */
  private void sendPresence(XmlElement presence) {
    String type = presence.attribute("type").orElse("");
    Optional<Jid> to = presence.attribute("to").flatMap(Jid::parse);
    Optional<Jid> from = presence.attribute("from").flatMap(Jid::parse);
    if (to.isEmpty() || from.isEmpty()) {
      return;
    }
    Jid local = from.get().bare();
    Jid remote = to.get().bare();
    String key = pair(local, remote);
    switch (type) {
      case "subscribe" -> {
        subscriber(local, remote).handle(new SipSubscriptionEvent.XmppSubscribe(), null);
      }
      case "probe" -> {
        // the router probes the contacts a user may see at his initial presence: refresh the
        // subscription (§4.1), or open it again when the gateway has none (e.g. after a restart),
        // so the watcher gets live presence, not only a snapshot
        Subscription subscription = subscribers.get(key);
        if (subscription != null) {
          subscription.handle(new SipSubscriptionEvent.WatcherAvailability(true), null);
        } else {
          subscriber(local, remote).handle(new SipSubscriptionEvent.XmppSubscribe(), null);
        }
      }
      case "unsubscribe" -> {
        Subscription subscription = subscribers.get(key);
        if (subscription != null) {
          subscription.handle(new SipSubscriptionEvent.XmppUnsubscribe(), null);
          return;
        }
        // no subscription: a one-off SUBSCRIBE Expires: 0 in a new dialog
        PresenceTranslator.toSubscribe(presence)
            .asOptional()
            .ifPresent(
                m ->
                    executor.execute(
                        () ->
                            request(
                                complete(m, "SUBSCRIBE", Utils.getInstance().generateTag()),
                                remote.domain())));
      }
      case "subscribed", "unsubscribed" ->
          notifiersOf(key)
              .forEach(n -> n.handle(new SipSubscriptionEvent.XmppAnswer(presence), null));
      case "", "unavailable" -> {
        notifiersOf(key)
            .forEach(n -> n.handle(new SipSubscriptionEvent.XmppPresence(presence), null));
        Subscription subscription = subscribers.get(key);
        if (type.equals("unavailable") && subscription != null) {
          subscription.handle(new SipSubscriptionEvent.WatcherAvailability(false), null);
        }
      }
      default -> {
        // error, or a type without a SIP meaning
      }
    }
  }

  /** The gateway's subscription for this watcher and contact (a new one if there is none). */
  private Subscription subscriber(Jid local, Jid remote) {
    return subscribers.compute(
        pair(local, remote),
        (k, existing) ->
            existing == null || existing.ended
                ? new Subscription(local, remote, SipSubscription.Role.SUBSCRIBER)
                : existing);
  }

  /** How many presence subscriptions the gateway holds (both roles; status, tests). */
  public int subscriptionCount() {
    return subscribers.size() + notifiers.values().stream().mapToInt(Set::size).sum();
  }

  /**
   * One presence subscription dialog driven by {@link SipSubscription}: in the subscriber role the
   * gateway's SUBSCRIBE for a local watcher, in the notifier role a SIP watcher's subscription to a
   * local user. Transitions run under the subscription's lock, their actions after it is released;
   * NOTIFYs go out one at a time through a {@link NotifyQueue} (the next after the previous one's
   * final response or timeout, only the latest state when several wait).
   */
  private final class Subscription {
    private final SipSubscription machine;
    private final boolean notifier;
    private final Jid local;
    private final Jid remote;
    private final NotifyQueue<SipMessage> notifies = new NotifyQueue<>(SipGateway::terminates);
    private final Map<SipSubscriptionAction.Timer, ScheduledFuture<?>> running =
        new EnumMap<>(SipSubscriptionAction.Timer.class);
    private SipSubscriptionState state = SipSubscription.initial();
    private Dialog dialog;
    private volatile boolean ended;

    Subscription(Jid local, Jid remote, SipSubscription.Role role) {
      this.local = local;
      this.remote = remote;
      this.notifier = role == SipSubscription.Role.NOTIFIER;
      SipSubscription.Config config = SipSubscription.Config.defaults();
      this.machine =
          notifier
              ? new SipSubscription(remote, local, role, config, clock)
              : new SipSubscription(local, remote, role, config, clock);
    }

    String key() {
      return pair(local, remote);
    }

    synchronized Optional<XmlElement> lastPresence() {
      return state.lastPresence();
    }

    void handle(SipSubscriptionEvent event, InboundRequest request) {
      List<SipSubscriptionAction> actions;
      synchronized (this) {
        SipSubscriptionTransition step = machine.next(state, event);
        state = step.state();
        actions = step.actions();
      }
      for (SipSubscriptionAction action : actions) {
        try {
          perform(action, request, event);
        } catch (RuntimeException e) {
          LOG.warn(
              "subscription action {} failed: {}", action.getClass().getSimpleName(), e.toString());
        }
      }
    }

    /** A NOTIFY/BENOTIFY in our dialog: it may confirm the dialog; terminated ends it. */
    void notified(SipMessage notify, InboundRequest request) {
      String callId = notify.header("Call-ID").orElse("");
      boolean terminated =
          SubscriptionState.parse(notify.header("Subscription-State").orElse("terminated")).state()
              == SubscriptionState.State.TERMINATED;
      synchronized (this) {
        if (dialog != null && dialog.callId().equals(callId)) {
          if (terminated) {
            subscriptionsByCallId.remove(callId, this);
            dialog = null;
          } else if (dialog.remoteTag().isEmpty()) {
            // RFC 6665 §4.1.2.4: a NOTIFY can confirm the dialog before the 2xx arrives
            NameAddr from =
                NameAddr.parse(notify.header("From").orElse("")).orElse(NameAddr.of(""));
            dialog =
                dialog.confirmed(
                    from.parameter("tag").orElse(""),
                    NameAddr.parse(notify.header("Contact").orElse(""))
                        .map(NameAddr::uri)
                        .orElse(dialog.remoteTarget()));
          }
        }
      }
      handle(new SipSubscriptionEvent.Notify(notify), request);
    }

    private void perform(
        SipSubscriptionAction action, InboundRequest request, SipSubscriptionEvent event) {
      if (action instanceof SipSubscriptionAction.Respond respond) {
        answer(respond.response(), request, event);
      } else if (action instanceof SipSubscriptionAction.SendNotify send) {
        notifies.offer(send.request()).ifPresent(this::sendNotify);
      } else if (action instanceof SipSubscriptionAction.SendSubscribe send) {
        sendSubscribe(send.subscribe(), send.newDialog());
      } else if (action instanceof SipSubscriptionAction.Deliver deliver) {
        if (admissible(deliver.stanza())) {
          inbound.deliver(deliver.stanza());
        }
      } else if (action instanceof SipSubscriptionAction.StartTimer start) {
        synchronized (this) {
          if (ended) {
            return;
          }
          ScheduledFuture<?> previous = running.remove(start.timer());
          if (previous != null) {
            previous.cancel(false);
          }
          running.put(
              start.timer(),
              timers.schedule(
                  () -> handle(new SipSubscriptionEvent.TimerFired(start.timer()), null),
                  Math.max(1, start.delay().toMillis()),
                  TimeUnit.MILLISECONDS));
        }
      } else if (action instanceof SipSubscriptionAction.CancelTimers) {
        end();
      }
    }

    /** The subscription is over: timers cancelled, forgotten (a queued NOTIFY still goes out). */
    private void end() {
      synchronized (this) {
        ended = true;
        running.values().forEach(f -> f.cancel(false));
        running.clear();
        if (dialog != null) {
          subscriptionsByCallId.remove(dialog.callId(), this);
        }
      }
      if (notifier) {
        notifiers.computeIfPresent(
            key(),
            (k, set) -> {
              set.remove(this);
              return set.isEmpty() ? null : set;
            });
      } else {
        subscribers.remove(key(), this);
      }
    }

    private void sendNotify(SipMessage notify) {
      Dialog current;
      synchronized (this) {
        current = dialog;
      }
      if (current == null) {
        notifies.completed().ifPresent(this::sendNotify);
        return;
      }
      SipMessage request = inDialogRequest(current, notify);
      executor.execute(
          () ->
              request(request, current.remoteDomain())
                  .whenComplete(
                      (response, error) -> {
                        handle(
                            new SipSubscriptionEvent.NotifyResponse(
                                error != null
                                    ? failure(current.callId())
                                    : toSip(response, current.callId())),
                            null);
                        notifies.completed().ifPresent(this::sendNotify);
                      }));
    }

    private void sendSubscribe(SipMessage subscribe, boolean newDialog) {
      Dialog current;
      synchronized (this) {
        if (newDialog || dialog == null) {
          if (dialog != null) {
            subscriptionsByCallId.remove(dialog.callId(), this);
          }
          String remoteUri =
              NameAddr.parse(subscribe.header("To").orElse("")).map(NameAddr::uri).orElse("");
          dialog =
              new Dialog(
                  Utils.getInstance().generateCallIdentifier(endpoint.localFqdn()),
                  NameAddr.parse(subscribe.header("From").orElse("")).map(NameAddr::uri).orElse(""),
                  Utils.getInstance().generateTag(),
                  remoteUri,
                  "",
                  remoteUri,
                  remote.domain());
          subscriptionsByCallId.put(dialog.callId(), this);
        }
        current = dialog;
      }
      SipMessage request = dialogRequest(current, "SUBSCRIBE", cseq.incrementAndGet());
      for (String name : List.of("Event", "Accept", "Supported", "Expires")) {
        for (String value : subscribe.headerLines(name)) {
          request = request.addHeader(name, value);
        }
      }
      SipMessage sent = request;
      executor.execute(
          () ->
              request(sent, current.remoteDomain())
                  .whenComplete((response, error) -> subscribeAnswered(current, response, error)));
    }

    private void subscribeAnswered(Dialog sent, Response response, Throwable error) {
      synchronized (this) {
        if (dialog == null || !dialog.callId().equals(sent.callId())) {
          return; // a dialog given up meanwhile (481, terminated): its answers change nothing
        }
        if (error == null && response.getStatusCode() < 300 && dialog.remoteTag().isEmpty()) {
          var to = (javax.sip.header.ToHeader) response.getHeader("To");
          var contact = (ContactHeader) response.getHeader(ContactHeader.NAME);
          dialog =
              dialog.confirmed(
                  to.getTag() == null ? "" : to.getTag(),
                  contact == null
                      ? dialog.remoteTarget()
                      : contact.getAddress().getURI().toString());
        }
      }
      if (error != null) {
        LOG.info("SUBSCRIBE to {} failed: {}", sent.remoteDomain(), error.toString());
      }
      handle(
          new SipSubscriptionEvent.SubscribeResponse(
              error != null ? failure(sent.callId()) : toSip(response, sent.callId())),
          null);
    }

    /** Answers the inbound SUBSCRIBE or NOTIFY; a 2xx to a new SUBSCRIBE opens the dialog. */
    private void answer(SipMessage answer, InboundRequest request, SipSubscriptionEvent event) {
      if (request == null || !request.answerable()) {
        return;
      }
      Response response = endpoint.response(answer.status(), request.request());
      boolean subscribeOk =
          "SUBSCRIBE".equals(request.request().getMethod()) && answer.status() < 300;
      try {
        response.setReasonPhrase(answer.reason());
        copyExtraHeaders(answer, response);
        if (subscribeOk) {
          response.addHeader(endpoint.contact(request.listener()));
        }
      } catch (ParseException | RuntimeException e) {
        request.respond(Response.SERVER_INTERNAL_ERROR);
        return;
      }
      if (subscribeOk) {
        synchronized (this) {
          if (dialog == null) {
            // the SUBSCRIBE as the gateway already parsed it (no second parse)
            SipMessage subscribe =
                event instanceof SipSubscriptionEvent.RemoteSubscribe r ? r.subscribe() : answer;
            NameAddr from =
                NameAddr.parse(subscribe.header("From").orElse("")).orElse(NameAddr.of(""));
            dialog =
                new Dialog(
                    subscribe.header("Call-ID").orElse(""),
                    NameAddr.parse(subscribe.header("To").orElse("")).map(NameAddr::uri).orElse(""),
                    ((javax.sip.header.ToHeader) response.getHeader("To")).getTag(),
                    from.uri(),
                    from.parameter("tag").orElse(""),
                    NameAddr.parse(subscribe.header("Contact").orElse(""))
                        .map(NameAddr::uri)
                        .orElse(from.uri()),
                    hostOf(from.uri()));
            if (!ended) {
              subscriptionsByCallId.put(dialog.callId(), this);
            }
          }
        }
      }
      request.respond(response);
    }
  }

  /** A NOTIFY that ends its subscription (never coalesced away by a later one). */
  private static boolean terminates(SipMessage notify) {
    return SubscriptionState.parse(notify.header("Subscription-State").orElse("active")).state()
        == SubscriptionState.State.TERMINATED;
  }

  /** The content of {@code m} (event headers, body) as the next request in the dialog. */
  private SipMessage inDialogRequest(Dialog dialog, SipMessage m) {
    String method = m.method();
    SipMessage request = dialogRequest(dialog, method, cseq.incrementAndGet());
    for (String name : List.of("Event", "Subscription-State", "Content-Language")) {
      Optional<String> value = m.header(name);
      if (value.isPresent()) {
        request = request.addHeader(name, value.get());
      }
    }
    if (m.body().length > 0) {
      request = request.withBody(m.contentType().orElse("text/plain"), m.body());
    }
    return request;
  }

  private void ack(Dialog dialog, Response ok, NextHops.Target target) {
    long number = ((javax.sip.header.CSeqHeader) ok.getHeader("CSeq")).getSeqNumber();
    SipMessage ack = dialogRequest(dialog, "ACK", number);
    try {
      endpoint.sendStateless(
          endpoint.parseRequest(new String(SipMessages.serialize(ack), StandardCharsets.UTF_8)),
          target.address(),
          target.transport());
    } catch (Exception e) {
      LOG.debug("ACK for {} not sent: {}", dialog.callId(), e.toString());
    }
  }

  /** A request inside {@code dialog} with its From, To, Call-ID, CSeq and Max-Forwards. */
  private static SipMessage dialogRequest(Dialog dialog, String method, long cseqNumber) {
    return SipMessage.request(method, dialog.remoteTarget())
        .addHeader("From", "<" + dialog.localUri() + ">;tag=" + dialog.localTag())
        .addHeader(
            "To",
            "<"
                + dialog.remoteUri()
                + ">"
                + (dialog.remoteTag().isEmpty() ? "" : ";tag=" + dialog.remoteTag()))
        .addHeader("Call-ID", dialog.callId())
        .addHeader("CSeq", cseqNumber + " " + method)
        .addHeader("Max-Forwards", "70");
  }

  private SipMessage complete(SipMessage m, String method, String localTag) {
    SipMessage done =
        m.withHeader("From", m.header("From").orElseThrow() + ";tag=" + localTag)
            .withHeader("CSeq", cseq.incrementAndGet() + " " + method)
            .withHeader("Max-Forwards", "70");
    if (done.header("Call-ID").isEmpty()) {
      done =
          done.withHeader(
              "Call-ID", Utils.getInstance().generateCallIdentifier(endpoint.localFqdn()));
    }
    return done;
  }

  private void outcome(Response response, Throwable error, Consumer<String> failed) {
    if (error != null) {
      LOG.info("SIP request failed: {}", error.toString());
      failed.accept("remote-server-timeout");
      return;
    }
    if (response.getStatusCode() >= 300) {
      failed.accept(ErrorMapping.conditionFor(response.getStatusCode()).elementName());
    }
  }

  private record Sent(Response response, NextHops.Target target) {}

  private CompletableFuture<Response> request(SipMessage message, String domain) {
    return sendWithTarget(message, domain).thenApply(Sent::response);
  }

  /**
   * Sends to the domain's next hops in order until one answers (failover on I/O, TLS, timeout);
   * hops {@link NextHopHealth} has marked down are tried only after the others.
   */
  private CompletableFuture<Sent> sendWithTarget(SipMessage message, String domain) {
    List<NextHops.Target> targets;
    try {
      targets = nextHops.targets(domain);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (targets.isEmpty()) {
      return CompletableFuture.failedFuture(
          new java.io.IOException("no route to SIP domain " + domain));
    }
    return attempt(message, health.order(targets, NextHops.Target::key), 0);
  }

  private CompletableFuture<Sent> attempt(
      SipMessage message, List<NextHops.Target> targets, int index) {
    NextHops.Target target = targets.get(index);
    Request request;
    try {
      request =
          endpoint.parseRequest(new String(SipMessages.serialize(message), StandardCharsets.UTF_8));
    } catch (ParseException e) {
      return CompletableFuture.failedFuture(e);
    }
    return endpoint
        .send(request, target.address(), target.transport(), target.expectedHost())
        .whenComplete((response, error) -> NextHopProber.record(health, target, response, error))
        .thenApply(response -> new Sent(response, target))
        .exceptionallyCompose(
            error -> {
              LOG.info("next hop {} for {} failed: {}", target, message.method(), error.toString());
              if (index + 1 < targets.size()) {
                return attempt(message, targets, index + 1);
              }
              return CompletableFuture.failedFuture(error);
            });
  }

  // ---------------------------------------------------------------- dialogs

  private static String pair(Jid local, Jid remote) {
    return local.bare() + "|" + remote.bare();
  }

  private static String pair(String localUri, String remoteUri) {
    Optional<Jid> local = AddressMapping.toJid(localUri).asOptional();
    Optional<Jid> remote = AddressMapping.toJid(remoteUri).asOptional();
    return local.isPresent() && remote.isPresent() ? pair(local.get(), remote.get()) : "";
  }

  private static String hostOf(String uri) {
    int at = uri.indexOf('@');
    String host = at < 0 ? uri.replaceFirst("^sips?:", "") : uri.substring(at + 1);
    int end = host.indexOf(';');
    host = end < 0 ? host : host.substring(0, end);
    int colon = host.indexOf(':');
    return (colon < 0 ? host : host.substring(0, colon)).toLowerCase(Locale.ROOT);
  }

  /** How many IM dialogs are open (status, tests). */
  public int openDialogs() {
    return byCallId.size();
  }

  // ---------------------------------------------------------------- IM sessions

  /** Whether the gateway holds a conversation between these bare JIDs (tests). */
  boolean hasConversation(String local, String remote) {
    return conversations.containsKey(local + "|" + remote);
  }

  private Conversation conversation(Jid local, Jid remote) {
    return conversations.computeIfAbsent(
        pair(local, remote), key -> new Conversation(local.bare(), remote.bare()));
  }

  /**
   * One IM conversation (local bare JID, remote bare JID) driven by {@link ImSession}: its state,
   * its SIP dialog, its timers and the senders of XMPP messages not yet delivered (to bounce them).
   * Transitions run under the conversation's lock; their actions (sends, answers, deliveries) run
   * after it is released.
   */
  private final class Conversation {
    private ImSession machine;
    private final Jid local;
    private final Jid remote;
    private ImSessionState state = ImSession.initial();
    private Dialog dialog;
    private boolean detached;
    private final Map<ImSessionAction.Timer, ScheduledFuture<?>> running =
        new EnumMap<>(ImSessionAction.Timer.class);
    private final Map<XmlElement, Consumer<String>> senders = new IdentityHashMap<>();

    Conversation(Jid local, Jid remote) {
      this.local = local;
      this.remote = remote;
      this.machine = machine();
    }

    /**
     * A machine with the idle timeout as configured now ({@code
     * sip.im-session-idle-timeout-seconds}).
     */
    private ImSession machine() {
      return new ImSession(
          local,
          remote,
          new ImSession.Config(
              idleTimeout.get(),
              Duration.ofSeconds(5),
              new SessionOffer(endpoint.localFqdn(), 5061),
              TypingDialect.LYNC_INFO,
              50),
          clock);
    }

    void fromXmpp(XmlElement stanza, Consumer<String> failed) {
      handle(new ImSessionEvent.FromXmpp(stanza), null, failed);
    }

    void handle(ImSessionEvent event, InboundRequest request) {
      handle(event, request, null);
    }

    /** {@code failed}: the sender of a FromXmpp event's message, told if it bounces. */
    private void handle(ImSessionEvent event, InboundRequest request, Consumer<String> failed) {
      List<ImSessionAction> actions = List.of();
      boolean forgotten;
      synchronized (this) {
        forgotten = detached;
        if (!forgotten) {
          if (failed != null && event instanceof ImSessionEvent.FromXmpp x) {
            XmlElement stanza = x.message();
            if (stanza.child(stanza.namespace(), "body").isPresent()) {
              senders.put(stanza, failed);
            }
          }
          if (state instanceof ImSessionState.Idle) {
            machine = machine(); // a new conversation: the idle timeout as configured now
          }
          ImSessionTransition step = machine.next(state, event);
          state = step.state();
          actions = step.actions();
          if (state instanceof ImSessionState.Idle || state instanceof ImSessionState.Inviting) {
            setDialog(null);
          }
          if (!(state instanceof ImSessionState.Established)) {
            cancelTimers();
          }
        }
      }
      if (forgotten) {
        conversation(local, remote).handle(event, request, failed); // the pair's current one
        return;
      }
      for (ImSessionAction action : actions) {
        try {
          perform(action, request);
        } catch (RuntimeException e) {
          LOG.warn(
              "IM session action {} failed: {}", action.getClass().getSimpleName(), e.toString());
        }
      }
      synchronized (this) {
        if (state instanceof ImSessionState.Idle && dialog == null && running.isEmpty()) {
          // over: what was queued was sent or bounced; forget it (the next message starts anew)
          senders.clear();
          detached = true;
          conversations.remove(pair(local, remote), this);
        }
      }
    }

    /** Call with the lock held. */
    private void setDialog(Dialog next) {
      if (dialog != null) {
        byCallId.remove(dialog.callId(), this);
      }
      dialog = next;
      if (next != null) {
        byCallId.put(next.callId(), this);
      }
    }

    private void cancelTimers() {
      running.values().forEach(f -> f.cancel(false));
      running.clear();
    }

    private void perform(ImSessionAction action, InboundRequest request) {
      if (action instanceof ImSessionAction.SendInvite invite) {
        executor.execute(() -> sendInvite(invite.invite()));
      } else if (action instanceof ImSessionAction.SendInDialog send) {
        sendInDialog(send.request(), send.original());
      } else if (action instanceof ImSessionAction.Respond respond) {
        answer(respond.response(), request);
      } else if (action instanceof ImSessionAction.Deliver deliver) {
        if (admissible(deliver.stanza())) {
          inbound.deliver(deliver.stanza());
        }
      } else if (action instanceof ImSessionAction.Bounce bounce) {
        Consumer<String> failed;
        synchronized (this) {
          failed = senders.remove(bounce.original());
        }
        if (failed != null) {
          failed.accept(bounce.error().condition().elementName());
        }
      } else if (action instanceof ImSessionAction.StartTimer start) {
        synchronized (this) {
          ScheduledFuture<?> previous = running.remove(start.timer());
          if (previous != null) {
            previous.cancel(false);
          }
          running.put(
              start.timer(),
              timers.schedule(
                  () -> handle(new ImSessionEvent.TimerFired(start.timer()), null),
                  Math.max(1, start.delay().toMillis()),
                  TimeUnit.MILLISECONDS));
        }
      }
    }

    private void delivered(XmlElement original) {
      if (original != null) {
        synchronized (this) {
          senders.remove(original);
        }
      }
    }

    private void sendInvite(SipMessage invite) {
      String localTag = Utils.getInstance().generateTag();
      SipMessage m = complete(invite, "INVITE", localTag);
      String callId = m.header("Call-ID").orElseThrow();
      String localUri = NameAddr.parse(m.header("From").orElse("")).map(NameAddr::uri).orElse("");
      String remoteUri = NameAddr.parse(m.header("To").orElse("")).map(NameAddr::uri).orElse("");
      String domain = remote.domain();
      sendWithTarget(m, domain)
          .whenComplete(
              (sent, error) -> {
                if (error != null) {
                  LOG.info("INVITE to {} failed: {}", domain, error.toString());
                  handle(new ImSessionEvent.InviteResponse(failure(callId)), null);
                  return;
                }
                Response response = sent.response();
                SipMessage parsed = toSip(response, callId);
                if (response.getStatusCode() < 300) {
                  var to = (javax.sip.header.ToHeader) response.getHeader("To");
                  var contact = (ContactHeader) response.getHeader(ContactHeader.NAME);
                  Dialog next =
                      new Dialog(
                          callId,
                          localUri,
                          localTag,
                          remoteUri,
                          to.getTag() == null ? "" : to.getTag(),
                          contact == null ? remoteUri : contact.getAddress().getURI().toString(),
                          domain);
                  synchronized (this) {
                    setDialog(next);
                  }
                  ack(next, response, sent.target());
                }
                handle(new ImSessionEvent.InviteResponse(parsed), null);
              });
    }

    private void sendInDialog(SipMessage m, XmlElement original) {
      String method = m.method();
      Dialog current;
      synchronized (this) {
        current = dialog;
        if (method.equals("BYE")) {
          setDialog(null);
        }
      }
      if (current == null) {
        handle(
            method.equals("BYE")
                ? new ImSessionEvent.ByeDone()
                : new ImSessionEvent.RequestFailed(original, failure(null)),
            null);
        return;
      }
      SipMessage inDialog = dialogRequest(current, method, cseq.incrementAndGet());
      if (m.body().length > 0) {
        inDialog = inDialog.withBody(m.contentType().orElse("text/plain"), m.body());
      }
      SipMessage request = inDialog;
      executor.execute(
          () ->
              request(request, current.remoteDomain())
                  .whenComplete(
                      (response, error) -> {
                        if (method.equals("BYE")) {
                          handle(new ImSessionEvent.ByeDone(), null);
                        } else if (error != null) {
                          handle(new ImSessionEvent.RequestFailed(original, failure(null)), null);
                        } else if (response.getStatusCode() >= 300) {
                          handle(
                              new ImSessionEvent.RequestFailed(
                                  original, toSip(response, current.callId())),
                              null);
                        } else {
                          delivered(original);
                        }
                      }));
    }

    /** Answers the inbound request; a 2xx to INVITE opens the dialog. */
    private void answer(SipMessage answer, InboundRequest request) {
      if (request == null) {
        return;
      }
      Response response = endpoint.response(answer.status(), request.request());
      boolean inviteOk =
          Request.INVITE.equals(request.request().getMethod())
              && answer.status() >= 200
              && answer.status() < 300;
      try {
        response.setReasonPhrase(answer.reason());
        copyExtraHeaders(answer, response);
        if (inviteOk) {
          response.addHeader(endpoint.contact(request.listener()));
        }
        if (answer.body().length > 0) {
          String[] type = answer.contentType().orElse("application/sdp").split("[/;]", 3);
          response.setContent(
              new String(answer.body(), StandardCharsets.UTF_8),
              endpoint.headers().createContentTypeHeader(type[0].trim(), type[1].trim()));
        }
      } catch (ParseException | RuntimeException e) {
        request.respond(Response.SERVER_INTERNAL_ERROR);
        return;
      }
      if (inviteOk) {
        SipMessage invite =
            SipMessages.parse(((SIPMessage) request.request()).encodeAsBytes(transportOf(request)))
                .message()
                .orElse(answer);
        String localTag = ((javax.sip.header.ToHeader) response.getHeader("To")).getTag();
        NameAddr from = NameAddr.parse(invite.header("From").orElse("")).orElse(NameAddr.of(""));
        String toUri = NameAddr.parse(invite.header("To").orElse("")).map(NameAddr::uri).orElse("");
        String contact =
            NameAddr.parse(invite.header("Contact").orElse(""))
                .map(NameAddr::uri)
                .orElse(from.uri());
        Dialog next =
            new Dialog(
                invite.header("Call-ID").orElse(""),
                toUri,
                localTag,
                from.uri(),
                from.parameter("tag").orElse(""),
                contact,
                hostOf(from.uri()));
        synchronized (this) {
          setDialog(next);
        }
      }
      request.respond(response);
    }
  }

  /** What the IM session sees of a request that got no SIP answer (unreachable, timeout). */
  private static SipMessage failure(String callId) {
    SipMessage response = SipMessage.response(408, "Request Timeout");
    return callId == null ? response : response.addHeader("Call-ID", callId);
  }

  /** A stack response as the pure model (status and headers; body too when it parses). */
  private static SipMessage toSip(Response response, String callId) {
    SipParse parsed = SipMessages.parse(((SIPMessage) response).encodeAsBytes("TLS"));
    if (parsed instanceof SipParse.Parsed p) {
      return p.sipMessage();
    }
    SipMessage bare = SipMessage.response(response.getStatusCode(), response.getReasonPhrase());
    return callId == null ? bare : bare.addHeader("Call-ID", callId);
  }
}
