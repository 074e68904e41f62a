package io.fedgate.sip.interop;

import gov.nist.javax.sip.Utils;
import io.fedgate.sip.gate.InboundGate;
import io.fedgate.sip.jain.InboundRequest;
import io.fedgate.sip.jain.SipEndpoint;
import io.fedgate.sip.jain.SipEndpoint.Kind;
import io.fedgate.sip.jain.SipTls;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A simulated Lync/Skype for Business Edge with one user, speaking Microsoft's dialect (PROTOCOL.md
 * §6): mutual TLS, page-mode MESSAGE, session-mode IM (INVITE with {@code ms-text-format} and
 * {@code m=message ... sip null}, in-dialog MESSAGE, INFO KeyboardActivity, BYE), OPTIONS. It
 * answers what it receives like a Lync endpoint (INVITE 200 with {@code Supported: ms-text-format},
 * MESSAGE/INFO/BYE/NOTIFY 200, BENOTIFY never) and keeps every received request for inspection.
 * Used by the ITs and by {@code fedgate interop lync}.
 */
public final class LyncPeer implements AutoCloseable {

  /**
   * @param domain the Lync SIP domain (e.g. {@code partner.example})
   * @param user the simulated user's local part
   * @param listen where the Edge listens (mutual TLS)
   */
  public record Settings(
      String domain, String user, InetSocketAddress listen, SipTls tls, Duration timeout) {}

  /** An IM dialog as Lync sees it. */
  public record Session(
      String callId, String localTag, String remoteUri, String remoteTag, String remoteTarget) {}

  private final Settings settings;
  private final SipEndpoint endpoint;
  private final BlockingQueue<InboundRequest> received = new LinkedBlockingQueue<>();
  private final AtomicLong cseq = new AtomicLong(1);

  /** The subscription dialogs the gateway opened with this peer, by Call-ID (as Lync sees them). */
  private final Map<String, Session> subscriptions = new ConcurrentHashMap<>();

  private volatile int grantedExpires = Integer.MAX_VALUE;
  private final AtomicInteger nextSubscribeStatus = new AtomicInteger(0);

  private LyncPeer(Settings settings, SipEndpoint endpoint) {
    this.settings = settings;
    this.endpoint = endpoint;
  }

  public static LyncPeer start(Settings settings) throws javax.sip.SipException {
    LyncPeer[] self = new LyncPeer[1];
    SipEndpoint endpoint =
        SipEndpoint.start(
            new SipEndpoint.Settings(
                "lync-" + UUID.randomUUID(),
                "sip." + settings.domain(),
                65_536,
                65_536,
                settings.timeout(),
                List.of(
                    new SipEndpoint.ListenerSpec(
                        Kind.PEER_AUTH_TLS,
                        settings.listen().getAddress().getHostAddress(),
                        settings.listen().getPort()))),
            Optional.of(settings.tls()),
            InboundGate.open(),
            request -> self[0].answer(request));
    self[0] = new LyncPeer(settings, endpoint);
    return self[0];
  }

  /** The user's address of record. */
  public String aor() {
    return "sip:" + settings.user() + "@" + settings.domain();
  }

  /** Where the simulated Edge listens. */
  /** Responses that matched none of the peer's requests (a BENOTIFY must never get one). */
  public long strayResponses() {
    return endpoint.strayResponses();
  }

  public InetSocketAddress address() {
    var bound = endpoint.bound().get(0);
    return new InetSocketAddress(bound.host(), bound.port());
  }

  private void answer(InboundRequest request) {
    Request r = request.request();
    if (Request.SUBSCRIBE.equals(r.getMethod())) {
      answerSubscribe(request);
    } else if (Request.INVITE.equals(r.getMethod())) {
      Response ok = endpoint.response(Response.OK, r);
      try {
        ok.addHeader(endpoint.headers().createSupportedHeader("ms-text-format"));
        ok.addHeader(endpoint.contact(Kind.PEER_AUTH_TLS));
        ok.setContent(
            sdp("m=message 5061 sip " + aor()),
            endpoint.headers().createContentTypeHeader("application", "sdp"));
      } catch (ParseException e) {
        throw new IllegalStateException(e);
      }
      request.respond(ok);
    } else if (request.answerable()) {
      request.respond(Response.OK);
    }
    received.add(request);
  }

  /**
   * Like a Lync Edge: 200 with an {@code Expires} no longer than the requested one nor than {@link
   * #grantSubscriptionsFor}, and the dialog remembered for {@link #notifySubscriber}; or the status
   * set by {@link #answerNextSubscribeWith}, once.
   */
  private void answerSubscribe(InboundRequest request) {
    Request r = request.request();
    int status = nextSubscribeStatus.getAndSet(0);
    if (status != 0) {
      request.respond(status);
      return;
    }
    var requested = (javax.sip.header.ExpiresHeader) r.getHeader("Expires");
    int expires = Math.min(requested == null ? 3600 : requested.getExpires(), grantedExpires);
    Response ok = endpoint.response(Response.OK, r);
    try {
      ok.addHeader(endpoint.headers().createExpiresHeader(expires));
      ok.addHeader(endpoint.contact(Kind.PEER_AUTH_TLS));
    } catch (javax.sip.InvalidArgumentException e) {
      throw new IllegalStateException(e);
    }
    var from = (javax.sip.header.FromHeader) r.getHeader("From");
    var contact = (ContactHeader) r.getHeader(ContactHeader.NAME);
    String callId = ((javax.sip.header.CallIdHeader) r.getHeader("Call-ID")).getCallId();
    String fromUri = from.getAddress().getURI().toString();
    subscriptions.put(
        callId,
        new Session(
            callId,
            ((ToHeader) ok.getHeader(ToHeader.NAME)).getTag(),
            fromUri,
            from.getTag(),
            contact == null ? fromUri : contact.getAddress().getURI().toString()));
    request.respond(ok);
  }

  /** The longest subscription the simulated Edge grants from now on (short ones: refreshes). */
  public void grantSubscriptionsFor(int seconds) {
    grantedExpires = seconds;
  }

  /** The next SUBSCRIBE the peer receives gets this status instead of 200 (e.g. 481). */
  public void answerNextSubscribeWith(int status) {
    nextSubscribeStatus.set(status);
  }

  /**
   * The simulated user's presence as a NOTIFY in the dialog of a SUBSCRIBE the gateway sent (to the
   * user), like the Edge does after answering it.
   *
   * @param subscriptionState e.g. {@code pending;expires=3600}, {@code active;expires=60}
   * @param basic {@code open} or {@code closed}; null for an empty NOTIFY
   */
  public Response notifySubscriber(
      InboundRequest subscribe,
      String subscriptionState,
      String basic,
      String note,
      InetSocketAddress gateway,
      String gatewayName)
      throws Exception {
    String callId =
        ((javax.sip.header.CallIdHeader) subscribe.request().getHeader("Call-ID")).getCallId();
    Session dialog = subscriptions.get(callId);
    if (dialog == null) {
      throw new IllegalStateException("no subscription dialog " + callId);
    }
    String text =
        inDialog(
            dialog,
            "NOTIFY",
            cseq.incrementAndGet(),
            basic == null ? null : "application/pidf+xml",
            basic == null ? null : pidf(basic, note));
    text =
        text.replace(
            "\r\nSupported: ms-dialog-route-set-update",
            "\r\nEvent: presence\r\nSubscription-State: "
                + subscriptionState
                + "\r\nSupported: ms-dialog-route-set-update");
    return send(text, gateway, gatewayName);
  }

  private String pidf(String basic, String note) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
        + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\""
        + aor()
        + "\"><tuple id=\"ID-lync\"><status><basic>"
        + basic
        + "</basic></status><note>"
        + note
        + "</note></tuple></presence>";
  }

  /** The next received request of the method, or empty after the timeout. */
  public Optional<InboundRequest> next(String method, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      InboundRequest request = received.poll(left, TimeUnit.NANOSECONDS);
      if (request == null) {
        return Optional.empty();
      }
      if (request.request().getMethod().equals(method)) {
        return Optional.of(request);
      }
    }
  }

  /** Page-mode MESSAGE to a user of the gateway's domain. */
  public Response message(String toUri, String text, InetSocketAddress gateway, String gatewayName)
      throws Exception {
    String request =
        "MESSAGE "
            + toUri
            + " SIP/2.0\r\n"
            + "From: <"
            + aor()
            + ">;tag="
            + Utils.getInstance().generateTag()
            + ";epid=4b2de9f017\r\n"
            + "To: <"
            + toUri
            + ">\r\n"
            + "Call-ID: "
            + UUID.randomUUID()
            + "\r\n"
            + "CSeq: "
            + cseq.incrementAndGet()
            + " MESSAGE\r\n"
            + "ms-asserted-verification-level: ms-source-verified-user=verified\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "\r\n"
            + text;
    return send(request, gateway, gatewayName);
  }

  /** INVITE with the first message embedded; on 200 sends ACK and returns the session. */
  public Optional<Session> invite(
      String toUri, String firstText, InetSocketAddress gateway, String gatewayName)
      throws Exception {
    String tag = Utils.getInstance().generateTag();
    String callId = UUID.randomUUID().toString().replace("-", "");
    String body = sdp("m=message 5061 sip null");
    String request =
        "INVITE "
            + toUri
            + " SIP/2.0\r\n"
            + "From: <"
            + aor()
            + ">;tag="
            + tag
            + ";epid=4b2de9f017\r\n"
            + "To: <"
            + toUri
            + ">\r\n"
            + "Call-ID: "
            + callId
            + "\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: <"
            + aor()
            + ";opaque=user:epid:QkxBSEJMQUhCTEFIAA;gruu>\r\n"
            + "Supported: ms-embedded-first-message\r\n"
            + "Supported: ms-dialog-route-set-update\r\n"
            + "ms-text-format: text/plain; charset=UTF-8; ms-body="
            + Base64.getEncoder().encodeToString(firstText.getBytes(StandardCharsets.UTF_8))
            + "\r\n"
            + "ms-asserted-verification-level: ms-source-verified-user=verified\r\n"
            + "Ms-Conversation-ID: "
            + Base64.getEncoder().encodeToString(callId.getBytes(StandardCharsets.US_ASCII))
            + "\r\n"
            + "Content-Type: application/sdp\r\n"
            + "\r\n"
            + body;
    Response ok = send(request, gateway, gatewayName);
    if (ok.getStatusCode() != 200) {
      return Optional.empty();
    }
    String remoteTag = ((ToHeader) ok.getHeader(ToHeader.NAME)).getTag();
    ContactHeader contact = (ContactHeader) ok.getHeader(ContactHeader.NAME);
    Session session =
        new Session(
            callId,
            tag,
            toUri,
            remoteTag,
            contact == null ? toUri : contact.getAddress().getURI().toString());
    long number = ((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber();
    endpoint.sendStateless(
        endpoint.parseRequest(inDialog(session, "ACK", number, null, null)), gateway, "TLS");
    return Optional.of(session);
  }

  /** A follow-up MESSAGE inside the session. */
  public Response say(Session session, String text, InetSocketAddress gateway, String gatewayName)
      throws Exception {
    return send(
        inDialog(session, "MESSAGE", cseq.incrementAndGet(), "text/plain; charset=UTF-8", text),
        gateway,
        gatewayName);
  }

  /** INFO KeyboardActivity ("is typing"). */
  public Response typing(Session session, InetSocketAddress gateway, String gatewayName)
      throws Exception {
    return send(
        inDialog(
            session,
            "INFO",
            cseq.incrementAndGet(),
            "application/xml",
            "<?xml version=\"1.0\"?><KeyboardActivity><status status=\"type\" /></KeyboardActivity>"),
        gateway,
        gatewayName);
  }

  /** Ends the session. */
  public Response bye(Session session, InetSocketAddress gateway, String gatewayName)
      throws Exception {
    return send(inDialog(session, "BYE", cseq.incrementAndGet(), null, null), gateway, gatewayName);
  }

  /**
   * SUBSCRIBE to a user's presence (Lync style: PIDF and categories accepted, BENOTIFY offered).
   */
  public Response subscribe(
      String toUri, int expires, InetSocketAddress gateway, String gatewayName) throws Exception {
    return send(
        "SUBSCRIBE "
            + toUri
            + " SIP/2.0\r\nFrom: <"
            + aor()
            + ">;tag="
            + Utils.getInstance().generateTag()
            + ";epid=4b2de9f017\r\nTo: <"
            + toUri
            + ">\r\nCall-ID: "
            + UUID.randomUUID()
            + "\r\nCSeq: 1 SUBSCRIBE\r\nContact: <"
            + aor()
            + ";opaque=user:epid:QkxBSEJMQUhCTEFIAA;gruu>\r\nEvent: presence\r\n"
            + "Accept: application/pidf+xml, application/msrtc-event-categories+xml,"
            + " multipart/related, application/rlmi+xml\r\n"
            + "Supported: com.microsoft.autoextend\r\nSupported: ms-benotify\r\n"
            + "Supported: ms-piggyback-first-notify\r\nExpires: "
            + expires
            + "\r\n\r\n",
        gateway,
        gatewayName);
  }

  /**
   * The simulated user's presence as a PIDF NOTIFY (or a BENOTIFY, which is sent without waiting
   * for an answer, since none must come; then the result is empty).
   *
   * @param basic {@code open} or {@code closed}
   */
  public Optional<Response> notifyPresence(
      String toUri,
      String basic,
      String note,
      boolean bestEffort,
      InetSocketAddress gateway,
      String gatewayName)
      throws Exception {
    return notifyPresence(
        toUri, "active;expires=3600", basic, note, bestEffort, gateway, gatewayName);
  }

  /** The same with the given {@code Subscription-State} value (e.g. {@code pending}). */
  public Optional<Response> notifyPresence(
      String toUri,
      String subscriptionState,
      String basic,
      String note,
      boolean bestEffort,
      InetSocketAddress gateway,
      String gatewayName)
      throws Exception {
    String method = bestEffort ? "BENOTIFY" : "NOTIFY";
    String pidf =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
            + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\""
            + aor()
            + "\"><tuple id=\"ID-lync\"><status><basic>"
            + basic
            + "</basic></status><note>"
            + note
            + "</note></tuple></presence>";
    String text =
        method
            + " "
            + toUri
            + " SIP/2.0\r\nFrom: <"
            + aor()
            + ">;tag="
            + Utils.getInstance().generateTag()
            + "\r\nTo: <"
            + toUri
            + ">;tag="
            + Utils.getInstance().generateTag()
            + "\r\nCall-ID: "
            + UUID.randomUUID()
            + "\r\nCSeq: 2 "
            + method
            + "\r\nEvent: presence\r\nSubscription-State: "
            + subscriptionState
            + "\r\n"
            + "Content-Type: application/pidf+xml\r\n\r\n"
            + pidf;
    if (!bestEffort) {
      return Optional.of(send(text, gateway, gatewayName));
    }
    endpoint.sendStateless(endpoint.parseRequest(withLength(text)), gateway, "TLS");
    return Optional.empty();
  }

  /** OPTIONS to the gateway (capabilities and liveness). */
  public Response options(InetSocketAddress gateway, String gatewayName) throws Exception {
    return send(
        "OPTIONS sip:"
            + gatewayName
            + " SIP/2.0\r\nFrom: <sip:sip."
            + settings.domain()
            + ">;tag="
            + Utils.getInstance().generateTag()
            + "\r\nTo: <sip:"
            + gatewayName
            + ">\r\nCall-ID: "
            + UUID.randomUUID()
            + "\r\nCSeq: 1 OPTIONS\r\n\r\n",
        gateway,
        gatewayName);
  }

  private String inDialog(
      Session session, String method, long number, String contentType, String body) {
    StringBuilder text =
        new StringBuilder()
            .append(method)
            .append(' ')
            .append(session.remoteTarget())
            .append(" SIP/2.0\r\nFrom: <")
            .append(aor())
            .append(">;tag=")
            .append(session.localTag())
            .append(";epid=4b2de9f017\r\nTo: <")
            .append(session.remoteUri())
            .append(">")
            .append(session.remoteTag() == null ? "" : ";tag=" + session.remoteTag())
            .append("\r\nCall-ID: ")
            .append(session.callId())
            .append("\r\nCSeq: ")
            .append(number)
            .append(' ')
            .append(method)
            .append("\r\nSupported: ms-dialog-route-set-update\r\n");
    if (contentType != null) {
      text.append("Content-Type: ").append(contentType).append("\r\n");
    }
    text.append("\r\n");
    if (body != null) {
      text.append(body);
    }
    return text.toString();
  }

  private Response send(String text, InetSocketAddress gateway, String gatewayName)
      throws Exception {
    Request request = endpoint.parseRequest(withLength(text));
    return endpoint
        .send(request, gateway, "TLS", gatewayName)
        .get(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
  }

  private static String withLength(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int split = text.indexOf("\r\n\r\n");
    int bodyLength =
        bytes.length - text.substring(0, split + 4).getBytes(StandardCharsets.UTF_8).length;
    return text.substring(0, split) + "\r\nContent-Length: " + bodyLength + text.substring(split);
  }

  private String sdp(String mLine) {
    String ip = address().getAddress().getHostAddress();
    return "v=0\r\no=- 0 0 IN IP4 "
        + ip
        + "\r\ns=session\r\nc=IN IP4 "
        + ip
        + "\r\nt=0 0\r\n"
        + mLine
        + "\r\na=accept-types:text/plain text/html multipart/alternative"
        + " application/im-iscomposing+xml\r\n";
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
