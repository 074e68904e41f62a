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
  private final Clock clock = Clock.systemUTC();

  /** IM conversations by {@code local bare JID|remote bare JID}. */
  private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();

  /** The conversation of each open IM dialog, by Call-ID. */
  private final Map<String, Conversation> byCallId = new ConcurrentHashMap<>();

  private final Map<String, Dialog> subscriptions = new ConcurrentHashMap<>();
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
      String remoteDomain) {}

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
        if (pending(message)) {
          request.respond(Response.OK); // PROTOCOL.md §4.1: pending -> nothing for XMPP
          return;
        }
        deliver(request, PresenceTranslator.notifyToXmpp(message));
        return;
      case "BENOTIFY":
        // best-effort NOTIFY: processed, never answered
        if (pending(message)) {
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
      deliver(request, ImTranslator.pageMessageToXmpp(message));
    }
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
    conversation(local.get(), remote.get())
        .handle(new ImSessionEvent.RemoteInvite(invite), request);
  }

  /**
   * RFC 8048 §4.2 / PROTOCOL.md §4.2: 200 at once, the subscription request (or a probe for a
   * fetch) to the local user, and an immediate NOTIFY pending in the new dialog; the local user's
   * answer and later presence go out as NOTIFYs in that dialog.
   */
  private void onSubscribe(InboundRequest request, SipMessage subscribe) {
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
    long expires = PresenceTranslator.expires(subscribe).orElse(PresenceTranslator.DEFAULT_EXPIRES);
    Response ok = endpoint.response(Response.OK, request.request());
    try {
      ok.addHeader(endpoint.headers().createExpiresHeader((int) expires));
      ok.addHeader(endpoint.contact(request.listener()));
    } catch (javax.sip.InvalidArgumentException e) {
      respond(request, 400, "Bad Expires");
      return;
    }
    String localTag = ((javax.sip.header.ToHeader) ok.getHeader("To")).getTag();
    NameAddr from = NameAddr.parse(subscribe.header("From").orElse("")).orElse(NameAddr.of(""));
    String toUri = NameAddr.parse(subscribe.header("To").orElse("")).map(NameAddr::uri).orElse("");
    Dialog dialog =
        new Dialog(
            subscribe.header("Call-ID").orElse(""),
            toUri,
            localTag,
            from.uri(),
            from.parameter("tag").orElse(""),
            NameAddr.parse(subscribe.header("Contact").orElse(""))
                .map(NameAddr::uri)
                .orElse(from.uri()),
            hostOf(from.uri()));
    request.respond(ok);
    if (expires > 0) {
      subscriptions.put(pair(dialog.localUri(), dialog.remoteUri()), dialog);
      SipMessage pending =
          SipMessage.request("NOTIFY", dialog.remoteTarget())
              .addHeader("Event", "presence")
              .addHeader("Subscription-State", SubscriptionState.pending(expires).toString());
      executor.execute(() -> request(inDialogRequest(dialog, pending), dialog.remoteDomain()));
    } else {
      subscriptions.remove(pair(dialog.localUri(), dialog.remoteUri()));
    }
    inbound.deliver(stanza.get());
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
    request.respond(Response.OK);
    stanza.ifPresent(inbound::deliver);
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
      executor.execute(() -> sendPresence(stanza));
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
   * Presence out (RFC 8048): subscription requests become SUBSCRIBE; the local user's answers and
   * availability become NOTIFYs in the subscription dialog the SIP user opened. Presence is never
   * bounced.
   */
  private void sendPresence(XmlElement presence) {
    String type = presence.attribute("type").orElse("");
    Optional<Jid> to = presence.attribute("to").flatMap(Jid::parse);
    Optional<Jid> from = presence.attribute("from").flatMap(Jid::parse);
    if (to.isEmpty() || from.isEmpty()) {
      return;
    }
    if (type.equals("subscribe") || type.equals("unsubscribe") || type.equals("probe")) {
      PresenceTranslator.toSubscribe(presence)
          .asOptional()
          .ifPresent(
              m ->
                  request(
                      complete(m, "SUBSCRIBE", Utils.getInstance().generateTag()),
                      to.get().domain()));
      return;
    }
    Dialog dialog = subscriptions.get(pair(from.get(), to.get()));
    if (dialog == null) {
      return;
    }
    Translation<SipMessage> notify =
        type.equals("subscribed") || type.equals("unsubscribed")
            ? PresenceTranslator.authorizationToNotify(presence, PresenceTranslator.DEFAULT_EXPIRES)
            : PresenceTranslator.toNotify(
                presence, SubscriptionState.active(PresenceTranslator.DEFAULT_EXPIRES));
    notify.asOptional().ifPresent(n -> request(inDialogRequest(dialog, n), dialog.remoteDomain()));
    if (type.equals("unsubscribed")) {
      subscriptions.remove(pair(from.get(), to.get()));
    }
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
    private final ImSession machine;
    private final Jid remote;
    private ImSessionState state = ImSession.initial();
    private Dialog dialog;
    private final Map<ImSessionAction.Timer, ScheduledFuture<?>> running =
        new EnumMap<>(ImSessionAction.Timer.class);
    private final Map<XmlElement, Consumer<String>> senders = new IdentityHashMap<>();

    Conversation(Jid local, Jid remote) {
      this.remote = remote;
      this.machine =
          new ImSession(
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
      if (stanza.child(stanza.namespace(), "body").isPresent()) {
        synchronized (this) {
          senders.put(stanza, failed);
        }
      }
      handle(new ImSessionEvent.FromXmpp(stanza), null);
    }

    void handle(ImSessionEvent event, InboundRequest request) {
      List<ImSessionAction> actions;
      synchronized (this) {
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
      for (ImSessionAction action : actions) {
        try {
          perform(action, request);
        } catch (RuntimeException e) {
          LOG.warn(
              "IM session action {} failed: {}", action.getClass().getSimpleName(), e.toString());
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
