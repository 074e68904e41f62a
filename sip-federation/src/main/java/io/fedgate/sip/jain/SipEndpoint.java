package io.fedgate.sip.jain;

import gov.nist.javax.sip.ListeningPointExt;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.TransactionExt;
import gov.nist.javax.sip.Utils;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.ClientAuthType;
import io.fedgate.acl.incoming.Peer;
import io.fedgate.acl.net.IpAddress;
import io.fedgate.sip.gate.InboundGate;
import io.fedgate.sip.gate.Refusal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fedgate's SIP transport on JAIN-SIP: one NIO {@link SipStackImpl} per listener (JAIN-SIP's client
 * authentication setting is per stack), TLS with the {@code cup} identity and {@link
 * FederationTrustManager}, the {@link InboundGate} in front of every request, OPTIONS answered
 * here, and outbound requests sent over the peer-auth stack (TLS) or the TCP stack to a next hop
 * chosen by the caller. JAIN-SIP answers CRLF keep-alive pings on its own connections.
 */
public final class SipEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SipEndpoint.class);

  /** The methods the gateway accepts. */
  public static final String ALLOW =
      "INVITE, ACK, CANCEL, BYE, MESSAGE, INFO, OPTIONS, SUBSCRIBE, NOTIFY, BENOTIFY";

  /** The listener kinds. */
  public enum Kind {
    /** Mutual TLS: the peer must present a certificate trusted by {@code cup-trust}. */
    PEER_AUTH_TLS("TLS"),
    /** TLS without a client certificate. */
    SERVER_AUTH_TLS("TLS"),
    /** Plain TCP, for OCS domains that need it. */
    TCP("TCP");

    private final String transport;

    Kind(String transport) {
      this.transport = transport;
    }

    public String transport() {
      return transport;
    }
  }

  /** A listener to open; port 0 asks for any free port. */
  public record ListenerSpec(Kind kind, String host, int port) {}

  /** An open listener. */
  public record BoundListener(Kind kind, String host, int port) {}

  /**
   * @param name unique per JVM (JAIN-SIP stack names)
   * @param localFqdn the gateway's FQDN (Via/Contact hosts are the listener address; the FQDN is
   *     the {@code ms-diagnostics} source)
   * @param maxMessageSize the largest message JAIN-SIP parses (bytes); larger input closes the
   *     connection
   * @param maxBodySize the largest body accepted; larger bodies are answered 413
   * @param requestTimeout how long an outbound request waits for its final response (a refused or
   *     failed TLS handshake ends only by this timeout)
   */
  public record Settings(
      String name,
      String localFqdn,
      int maxMessageSize,
      int maxBodySize,
      java.time.Duration requestTimeout,
      List<ListenerSpec> listeners) {
    public Settings {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      Objects.requireNonNull(localFqdn, "localFqdn");
      listeners = List.copyOf(listeners);
    }
  }

  /** Takes the requests that passed the gate (never ACK retransmissions or OPTIONS). */
  @FunctionalInterface
  public interface Handler {
    void onRequest(InboundRequest request);
  }

  private final Settings settings;
  private final InboundGate gate;
  private final Handler handler;
  private final Map<Kind, Node> nodes = new EnumMap<>(Kind.class);
  private final MessageFactory messages;
  private final HeaderFactory headers;
  private final AddressFactory addresses;

  /** Malformed and refused requests: one INFO line per peer and reason a minute (DEBUG for all). */
  private final RepeatLogLimiter repeatLog = RepeatLogLimiter.perMinute();

  private final java.util.concurrent.atomic.AtomicLong strayResponses =
      new java.util.concurrent.atomic.AtomicLong();

  private record Node(SipStackImpl stack, SipProvider provider, ListeningPointExt point) {}

  private SipEndpoint(Settings settings, InboundGate gate, Handler handler) throws SipException {
    this.settings = settings;
    this.gate = gate;
    this.handler = handler;
    try {
      javax.sip.SipFactory factory = javax.sip.SipFactory.getInstance();
      factory.setPathName("gov.nist");
      messages = factory.createMessageFactory();
      headers = factory.createHeaderFactory();
      addresses = factory.createAddressFactory();
    } catch (javax.sip.PeerUnavailableException e) {
      throw new SipException("JAIN-SIP factories unavailable", e);
    }
  }

  /**
   * Opens the listeners.
   *
   * @param tls the TLS material; required when a TLS listener is asked for
   */
  public static SipEndpoint start(
      Settings settings, Optional<SipTls> tls, InboundGate gate, Handler handler)
      throws SipException {
    SipEndpoint endpoint = new SipEndpoint(settings, gate, handler);
    try {
      for (ListenerSpec spec : settings.listeners()) {
        endpoint.open(spec, tls);
      }
    } catch (SipException | RuntimeException e) {
      endpoint.close();
      throw e;
    }
    return endpoint;
  }

  private void open(ListenerSpec spec, Optional<SipTls> tls) throws SipException {
    Properties properties = new Properties();
    String stackName = settings.name() + "-" + spec.kind();
    properties.setProperty("javax.sip.STACK_NAME", stackName);
    properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    properties.setProperty("javax.sip.ROUTER_PATH", ThreadHopRouter.class.getName());
    properties.setProperty(
        "gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY",
        "gov.nist.javax.sip.stack.NioMessageProcessorFactory");
    properties.setProperty(
        "gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", StrictMessageParserFactory.class.getName());
    properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
    properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
    properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
    properties.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
    properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    // the NIO stack hands each parsed message to this many single-thread executors, chosen by
    // Call-ID (JAIN-SIP's ThreadAffinityExecutor, one per JVM); 1 or 2 of them fell behind at
    // 2,000-3,000 MESSAGE/s on 2 cores in SipBench where 4 kept up (issue 7, sip-federation README)
    properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
    properties.setProperty("gov.nist.javax.sip.TCP_POST_PARSING_THREAD_POOL_SIZE", "4");
    properties.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
    properties.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
    properties.setProperty(
        "gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(settings.maxMessageSize()));
    properties.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", "10000");
    properties.setProperty("gov.nist.javax.sip.MAX_TX_LIFETIME_NON_INVITE", "32");
    FederationTrustManager trust = null;
    if (spec.kind() != Kind.TCP) {
      SipTls material =
          tls.orElseThrow(() -> new SipException("a TLS listener needs the cup identity"));
      trust = new FederationTrustManager(material);
      properties.setProperty(
          "gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER", SipSecurityProvider.class.getName());
      SipSecurityProvider.register(
          stackName,
          new SipSecurityProvider.Material(keyManagers(material), new TrustManager[] {trust}));
      properties.setProperty(
          "gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE",
          spec.kind() == Kind.PEER_AUTH_TLS ? "Enabled" : "Disabled");
      properties.setProperty(
          "gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", String.join(",", material.protocols()));
      properties.setProperty(
          "gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", supported(material)));
    }
    SipStackImpl stack;
    try {
      stack = new SipStackImpl(properties);
    } finally {
      SipSecurityProvider.unregister(stackName);
    }
    try {
      if (trust != null) {
        stack.setClientAuth(
            spec.kind() == Kind.PEER_AUTH_TLS ? ClientAuthType.Enabled : ClientAuthType.Disabled);
        stack.setTlsSecurityPolicy(new NextHopPolicy(trust));
      }
      ListeningPoint point =
          stack.createListeningPoint(spec.host(), port(spec), spec.kind().transport());
      SipProvider provider = stack.createSipProvider(point);
      provider.addSipListener(new Dispatcher(spec.kind(), provider));
      stack.start();
      nodes.put(spec.kind(), new Node(stack, provider, (ListeningPointExt) point));
      LOG.info(
          "SIP listener {} on {}:{}/{}",
          spec.kind(),
          point.getIPAddress(),
          point.getPort(),
          spec.kind().transport());
    } catch (Exception e) {
      stack.stop();
      throw e instanceof SipException s ? s : new SipException("cannot open " + spec, e);
    }
  }

  /** JAIN-SIP refuses port 0: a free port of the address is picked first. */
  private static int port(ListenerSpec spec) throws IOException {
    if (spec.port() != 0) {
      return spec.port();
    }
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.bind(new InetSocketAddress(spec.host(), 0));
      return probe.getLocalPort();
    }
  }

  private static KeyManager[] keyManagers(SipTls tls) {
    // SipTls builds the key store; reuse its SSLContext construction for the key managers only
    try {
      char[] password = new char[0];
      java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "cup",
          tls.identity().privateKey(),
          password,
          tls.identity().chain().toArray(new java.security.cert.Certificate[0]));
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      KeyManager[] managers = factory.getKeyManagers();
      for (int i = 0; i < managers.length; i++) {
        if (managers[i] instanceof javax.net.ssl.X509ExtendedKeyManager x509) {
          managers[i] = new OneIdentity(x509);
        }
      }
      return managers;
    } catch (java.security.GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot load the cup identity", e);
    }
  }

  /**
   * The {@code cup} identity offered as client certificate whatever issuers the server lists: a
   * node has one identity, and an Edge that lists other CAs should see (and log) our certificate
   * rather than an empty one.
   */
  private static final class OneIdentity extends javax.net.ssl.X509ExtendedKeyManager {
    private final javax.net.ssl.X509ExtendedKeyManager keys;

    OneIdentity(javax.net.ssl.X509ExtendedKeyManager keys) {
      this.keys = keys;
    }

    private String offered(String[] keyTypes) {
      java.security.PrivateKey key = keys.getPrivateKey("cup");
      if (key == null || keyTypes == null) {
        return null;
      }
      for (String type : keyTypes) {
        if (type.equalsIgnoreCase(key.getAlgorithm())) {
          return "cup";
        }
      }
      return null;
    }

    @Override
    public String chooseClientAlias(
        String[] keyTypes, java.security.Principal[] issuers, java.net.Socket socket) {
      return offered(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(
        String[] keyTypes, java.security.Principal[] issuers, javax.net.ssl.SSLEngine engine) {
      return offered(keyTypes);
    }

    @Override
    public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
      return keys.getClientAliases(keyType, null);
    }

    @Override
    public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
      return keys.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(
        String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
      return keys.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(
        String keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine engine) {
      return keys.chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public java.security.cert.X509Certificate[] getCertificateChain(String alias) {
      return keys.getCertificateChain(alias);
    }

    @Override
    public java.security.PrivateKey getPrivateKey(String alias) {
      return keys.getPrivateKey(alias);
    }
  }

  private static List<String> supported(SipTls tls) {
    try {
      SSLContext probe = SSLContext.getInstance("TLS");
      probe.init(null, null, new SecureRandom());
      Set<String> available = Set.of(probe.getSupportedSSLParameters().getCipherSuites());
      List<String> kept = tls.cipherSuites().stream().filter(available::contains).toList();
      if (kept.isEmpty()) {
        throw new IllegalArgumentException(
            "none of the TLS context's cipher suites is supported: " + tls.cipherSuites());
      }
      return kept;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The open listeners, with their bound ports. */
  public List<BoundListener> bound() {
    List<BoundListener> bound = new ArrayList<>();
    nodes.forEach(
        (kind, node) ->
            bound.add(
                new BoundListener(kind, node.point().getIPAddress(), node.point().getPort())));
    return bound;
  }

  /** Responses that matched no request of ours (e.g. an answer to a BENOTIFY, which gets none). */
  public long strayResponses() {
    return strayResponses.get();
  }

  public MessageFactory messages() {
    return messages;
  }

  public HeaderFactory headers() {
    return headers;
  }

  public AddressFactory addresses() {
    return addresses;
  }

  public String localFqdn() {
    return settings.localFqdn();
  }

  /** A response with a To tag when the request's To has none. */
  public Response response(int status, Request request) {
    try {
      Response response = messages.createResponse(status, request);
      ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
      if (status > 100 && to != null && to.getTag() == null) {
        to.setTag(Utils.getInstance().generateTag());
      }
      return response;
    } catch (ParseException e) {
      throw new IllegalStateException("cannot build a " + status + " response", e);
    }
  }

  /** The Contact of the gateway on the listener used for the transport. */
  public ContactHeader contact(Kind kind) {
    Node node = nodes.get(kind);
    if (node == null) {
      throw new IllegalStateException("no " + kind + " listener");
    }
    return node.point().createContactHeader();
  }

  /** The kind of listener outbound requests of the transport use. */
  public Optional<Kind> outboundKind(String transport) {
    if ("TCP".equalsIgnoreCase(transport)) {
      return nodes.containsKey(Kind.TCP) ? Optional.of(Kind.TCP) : Optional.empty();
    }
    return nodes.containsKey(Kind.PEER_AUTH_TLS)
        ? Optional.of(Kind.PEER_AUTH_TLS)
        : Optional.ofNullable(
            nodes.containsKey(Kind.SERVER_AUTH_TLS) ? Kind.SERVER_AUTH_TLS : null);
  }

  /**
   * Sends a request statefully to the next hop, over TLS (checking the peer certificate against
   * {@code expectedHost}) or TCP. The Via (and Contact, for dialog-creating requests without one)
   * are added here. Completes with the final response; exceptionally with an {@link IOException}
   * when the hop cannot be reached or its certificate is refused, with a {@link TimeoutException}
   * when no final response comes.
   */
  public CompletableFuture<Response> send(
      Request request, InetSocketAddress hop, String transport, String expectedHost) {
    Optional<Kind> kind = outboundKind(transport);
    if (kind.isEmpty()) {
      return CompletableFuture.failedFuture(
          new IOException("no listener for outbound " + transport));
    }
    Node node = nodes.get(kind.get());
    OutboundContext context = new OutboundContext(expectedHost);
    try {
      ViaHeader via = node.point().createViaHeader();
      via.setBranch(Utils.getInstance().generateBranchId());
      request.removeHeader(ViaHeader.NAME);
      request.addHeader(via);
      if (request.getHeader(ContactHeader.NAME) == null
          && (Request.INVITE.equals(request.getMethod())
              || Request.SUBSCRIBE.equals(request.getMethod())
              || Request.NOTIFY.equals(request.getMethod()))) {
        request.addHeader(node.point().createContactHeader());
      }
      Hop next = new SimpleHop(hop, kind.get().transport());
      ClientTransaction transaction =
          ThreadHopRouter.with(next, () -> node.provider().getNewClientTransaction(request));
      transaction.setApplicationData(context);
      NioTlsConnections.register(transaction, hop);
      transaction.sendRequest();
    } catch (SipException | ParseException | RuntimeException e) {
      context.outcome().completeExceptionally(new IOException(describe(e), e));
    }
    return context
        .outcome()
        .orTimeout(
            settings.requestTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** Sends a request without a transaction (ACK for a 2xx) to the hop. */
  public void sendStateless(Request request, InetSocketAddress hop, String transport)
      throws SipException {
    Kind kind = outboundKind(transport).orElseThrow(() -> new SipException("no listener"));
    Node node = nodes.get(kind);
    try {
      if (request.getHeader(ViaHeader.NAME) == null) {
        ViaHeader via = node.point().createViaHeader();
        via.setBranch(Utils.getInstance().generateBranchId());
        request.addHeader(via);
      }
    } catch (ParseException e) {
      throw new SipException("bad Via", e);
    }
    NioTlsConnections.prepare(node.point(), hop);
    ThreadHopRouter.with(
        new SimpleHop(hop, kind.transport()),
        () -> {
          node.provider().sendRequest(request);
          return null;
        });
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  @Override
  public void close() {
    for (Node node : nodes.values()) {
      try {
        node.stack().stop();
      } catch (RuntimeException e) {
        LOG.debug("stopping a SIP stack", e);
      }
    }
    nodes.clear();
  }

  private record SimpleHop(InetSocketAddress address, String transport) implements Hop {
    @Override
    public String getHost() {
      return address.getAddress() == null
          ? address.getHostString()
          : address.getAddress().getHostAddress();
    }

    @Override
    public int getPort() {
      return address.getPort();
    }

    @Override
    public String getTransport() {
      return transport;
    }

    @Override
    public String toString() {
      return getHost() + ":" + getPort() + "/" + transport;
    }
  }

  /** JAIN-SIP events of one stack. */
  private final class Dispatcher implements SipListener {
    private final Kind kind;
    private final SipProvider provider;

    Dispatcher(Kind kind, SipProvider provider) {
      this.kind = kind;
      this.provider = provider;
    }

    @Override
    public void processRequest(RequestEvent event) {
      Request request = event.getRequest();
      String method = request.getMethod();
      try {
        boolean stateless = Request.ACK.equals(method) || "BENOTIFY".equals(method);
        ServerTransaction transaction = event.getServerTransaction();
        if (transaction == null && !stateless) {
          try {
            transaction = provider.getNewServerTransaction(request);
          } catch (TransactionAlreadyExistsException e) {
            return; // a retransmission: the transaction layer answers it
          }
        }
        InetSocketAddress peer = peerOf(request);
        Optional<io.fedgate.sip.message.SipParse.Rejected> defect =
            StrictMessageParserFactory.defect(request);
        if (defect.isPresent()) {
          OptionalLong logIt = repeatLog.admit(peer.getHostString() + " malformed");
          if (logIt.isPresent()) {
            LOG.info(
                "SIP {} from {} malformed: {}{}",
                method,
                peer,
                defect.get().reason(),
                alsoLeftOut(logIt.getAsLong()));
          } else {
            LOG.debug("SIP {} from {} malformed: {}", method, peer, defect.get().reason());
          }
          if (transaction != null) {
            Response response = response(defect.get().status(), request);
            response.setReasonPhrase(
                defect.get().status() == 505 ? "Version Not Supported" : "Bad Request");
            transaction.sendResponse(response);
          }
          return;
        }
        List<String> names =
            transaction == null ? certificateNames(request) : certificateNames(transaction);
        Optional<Refusal> refusal = admit(request, peer, names);
        if (refusal.isPresent()) {
          if (refusal.get().code().startsWith("flood.")) {
            // a flood would flood the log too: the gate logs the first refusal of each episode
            LOG.debug("SIP {} from {} refused: {}", method, peer, refusal.get().code());
          } else {
            OptionalLong logIt = repeatLog.admit(peer.getHostString() + " " + refusal.get().code());
            if (logIt.isPresent()) {
              LOG.info(
                  "SIP {} from {} refused: {} ({}){}",
                  method,
                  peer,
                  refusal.get().code(),
                  refusal.get().reason(),
                  alsoLeftOut(logIt.getAsLong()));
            } else {
              LOG.debug("SIP {} from {} refused: {}", method, peer, refusal.get().code());
            }
          }
          if (transaction != null) {
            transaction.sendResponse(refusalResponse(request, refusal.get()));
          }
          return;
        }
        if (transaction != null
            && request.getContentLength() != null
            && request.getContentLength().getContentLength() > settings.maxBodySize()) {
          transaction.sendResponse(response(Response.REQUEST_ENTITY_TOO_LARGE, request));
          return;
        }
        Optional<Response> early = earlyAnswer(request);
        if (early.isPresent()) {
          if (transaction != null) {
            transaction.sendResponse(early.get());
          }
          return;
        }
        InboundRequest inbound =
            new InboundRequest(
                SipEndpoint.this, kind, request, Optional.ofNullable(transaction), peer, names);
        try {
          handler.onRequest(inbound);
        } catch (RuntimeException e) {
          LOG.warn("SIP {} from {}: handler failed", method, peer, e);
          inbound.respond(Response.SERVER_INTERNAL_ERROR);
        }
      } catch (SipException
          | ParseException
          | javax.sip.InvalidArgumentException
          | RuntimeException e) {
        LOG.warn("SIP {} not processed: {}", method, e.toString());
      }
    }

    private Optional<Refusal> admit(Request request, InetSocketAddress peer, List<String> names) {
      Optional<IpAddress> address =
          Optional.ofNullable(peer.getAddress())
              .map(InetAddress::getAddress)
              .map(IpAddress::fromBytes);
      if (address.isEmpty()) {
        return Optional.of(Refusal.of(403, "acl.peer-unknown", InboundGate.DIAG_ACL, "no peer"));
      }
      Set<String> peerNames = new LinkedHashSet<>(names);
      if (peerNames.isEmpty()) {
        // TCP / server-auth peers have no certificate: the Via sent-by names them
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        if (via != null && via.getHost() != null && IpAddress.parse(via.getHost()).isEmpty()) {
          peerNames.add(via.getHost().toLowerCase(Locale.ROOT));
        }
      }
      Peer aclPeer = new Peer(address.get(), peerNames);
      FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
      ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
      String senderDomain = from == null ? null : host(from.getAddress().getURI());
      String local = to == null ? "" : to.getAddress().getURI().toString();
      return gate.admit(aclPeer, senderDomain, local);
    }

    @Override
    public void processResponse(ResponseEvent event) {
      ClientTransaction transaction = event.getClientTransaction();
      Response response = event.getResponse();
      if (transaction == null) {
        strayResponses.incrementAndGet();
        return;
      }
      if (response.getStatusCode() < 200) {
        return;
      }
      if (transaction.getApplicationData() instanceof OutboundContext context) {
        context.outcome().complete(response);
      }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
      if (event.getClientTransaction() != null
          && event.getClientTransaction().getApplicationData() instanceof OutboundContext context) {
        context
            .outcome()
            .completeExceptionally(new TimeoutException("no final response from the next hop"));
      }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
      LOG.debug(
          "SIP I/O failure with {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
      if (event.getSource() instanceof ClientTransaction transaction
          && transaction.getApplicationData() instanceof OutboundContext context) {
        context
            .outcome()
            .completeExceptionally(
                new IOException("cannot reach " + event.getHost() + ":" + event.getPort()));
      }
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
      if (!event.isServerTransaction()
          && event.getClientTransaction().getApplicationData() instanceof OutboundContext context
          && !context.outcome().isDone()) {
        context.outcome().completeExceptionally(new IOException("transaction ended unanswered"));
      }
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
      // dialogs are the gateway's, not JAIN-SIP's
    }
  }

  private Response refusalResponse(Request request, Refusal refusal) throws SipException {
    Response response = response(refusal.status(), request);
    try {
      response.setReasonPhrase(reasonPhrase(refusal.status()));
      response.addHeader(
          headers.createHeader("ms-diagnostics", refusal.diagnosticHeader(settings.localFqdn())));
      if (refusal.retryAfter().isPresent()) {
        response.addHeader(
            headers.createRetryAfterHeader(
                (int) Math.max(1, refusal.retryAfter().get().toSeconds())));
      }
    } catch (ParseException | javax.sip.InvalidArgumentException e) {
      throw new SipException("bad refusal header", e);
    }
    return response;
  }

  /**
   * What the endpoint answers itself: OPTIONS (capabilities), methods the gateway does not serve
   * (405 with Allow), {@code Require} extensions (420 with Unsupported; Lync's batched category
   * subscriptions get this), {@code sips:} Request-URIs (403, RFC 7247 §8) and other non-SIP
   * schemes (416). A request of another SIP version never gets here: JAIN-SIP rewrites its version,
   * so {@link StrictMessageParserFactory} marks it on the raw bytes and it gets 505 first.
   */
  private Optional<Response> earlyAnswer(Request request)
      throws SipException, ParseException, javax.sip.InvalidArgumentException {
    String method = request.getMethod();
    if (Request.OPTIONS.equals(method)) {
      return Optional.of(options(request));
    }
    if (!ALLOWED.contains(method)) {
      Response response = response(Response.METHOD_NOT_ALLOWED, request);
      for (String allowed : ALLOW.split(", ")) {
        response.addHeader(headers.createAllowHeader(allowed));
      }
      return Optional.of(response);
    }
    List<String> required = new ArrayList<>();
    request
        .getHeaders(javax.sip.header.RequireHeader.NAME)
        .forEachRemaining(
            h -> required.add(((javax.sip.header.RequireHeader) h).getOptionTag().trim()));
    if (!required.isEmpty() && !Request.ACK.equals(method) && !Request.CANCEL.equals(method)) {
      Response response = response(Response.BAD_EXTENSION, request);
      for (String tag : required) {
        response.addHeader(headers.createUnsupportedHeader(tag));
      }
      return Optional.of(response);
    }
    URI target = request.getRequestURI();
    if (target.isSipURI() && ((SipURI) target).isSecure()) {
      Response response = response(Response.FORBIDDEN, request);
      response.setReasonPhrase("sips: is not translated");
      return Optional.of(response);
    }
    if (!target.isSipURI()) {
      return Optional.of(response(Response.UNSUPPORTED_URI_SCHEME, request));
    }
    return Optional.empty();
  }

  private static final Set<String> ALLOWED = Set.of(ALLOW.split(", "));

  private static String reasonPhrase(int status) {
    switch (status) {
      case 403:
        return "Forbidden";
      case 400:
        return "Bad Request";
      case 503:
        return "Service Unavailable";
      default:
        return "Refused";
    }
  }

  private Response options(Request request) throws SipException {
    Response response = response(Response.OK, request);
    try {
      for (String method : ALLOW.split(", ")) {
        response.addHeader(headers.createAllowHeader(method));
      }
      for (String type :
          List.of(
              "application/sdp",
              "application/pidf+xml",
              "text/plain",
              "text/html",
              "multipart/alternative",
              "application/im-iscomposing+xml")) {
        String[] parts = type.split("/");
        response.addHeader(headers.createAcceptHeader(parts[0], parts[1]));
      }
      response.addHeader(headers.createSupportedHeader("ms-text-format"));
      String sdp =
          "v=0\r\n"
              + "o=- 0 0 IN IP4 0.0.0.0\r\n"
              + "s=session\r\n"
              + "c=IN IP4 0.0.0.0\r\n"
              + "t=0 0\r\n"
              + "m=message 5061 sip null\r\n"
              + "a=accept-types:text/plain text/html multipart/alternative"
              + " application/im-iscomposing+xml\r\n";
      response.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
    } catch (ParseException e) {
      throw new SipException("bad OPTIONS answer", e);
    }
    return response;
  }

  private static String alsoLeftOut(long count) {
    return count == 0 ? "" : " (and " + count + " more from this peer for this reason since)";
  }

  private static InetSocketAddress peerOf(Request request) {
    SIPRequest sip = (SIPRequest) request;
    InetAddress address = sip.getRemoteAddress();
    return new InetSocketAddress(address, sip.getRemotePort());
  }

  /**
   * The peer certificate names of a request without a transaction (ACK, BENOTIFY): from the TLS
   * connection it came on, as {@link TransactionExt#extractCertIdentities} gives them for the
   * others (DNS subjectAltNames, else the subject CN).
   */
  private static List<String> certificateNames(Request request) {
    if (!(request instanceof SIPRequest sip)
        || !(sip.getMessageChannel() instanceof gov.nist.javax.sip.stack.NioTlsMessageChannel tls)
        || tls.getHandshakeCompletedListener() == null) {
      return List.of();
    }
    try {
      java.security.cert.Certificate[] chain =
          tls.getHandshakeCompletedListener().getPeerCertificates();
      if (chain == null
          || chain.length == 0
          || !(chain[0] instanceof java.security.cert.X509Certificate leaf)) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      if (leaf.getSubjectAlternativeNames() != null) {
        for (List<?> san : leaf.getSubjectAlternativeNames()) {
          if (Integer.valueOf(2).equals(san.get(0))) {
            names.add(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT));
          }
        }
      }
      if (names.isEmpty()) {
        for (javax.naming.ldap.Rdn rdn :
            new javax.naming.ldap.LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
          if (rdn.getType().equalsIgnoreCase("CN")) {
            names.add(String.valueOf(rdn.getValue()).toLowerCase(Locale.ROOT));
          }
        }
      }
      return names;
    } catch (java.security.cert.CertificateParsingException
        | javax.naming.InvalidNameException
        | RuntimeException e) {
      return List.of();
    }
  }

  private static List<String> certificateNames(ServerTransaction transaction) {
    if (!(transaction instanceof TransactionExt ext)
        || !"TLS".equalsIgnoreCase(ext.getTransport())) {
      return List.of();
    }
    try {
      return ext.extractCertIdentities().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    } catch (javax.net.ssl.SSLPeerUnverifiedException | RuntimeException e) {
      return List.of();
    }
  }

  /**
   * Parses a whole request (start line, headers, body); Via and Max-Forwards may be missing (Via is
   * added when sent, Max-Forwards defaults to 70).
   */
  public Request parseRequest(String message) throws ParseException {
    Request request = messages.createRequest(message);
    if (request.getHeader(javax.sip.header.MaxForwardsHeader.NAME) == null) {
      try {
        request.addHeader(headers.createMaxForwardsHeader(70));
      } catch (javax.sip.InvalidArgumentException e) {
        throw new IllegalStateException(e);
      }
    }
    return request;
  }

  /** Parses a whole response. */
  public Response parseResponse(String message) throws ParseException {
    return messages.createResponse(message);
  }

  /** The host of a SIP URI, or null. */
  public static String host(URI uri) {
    return uri instanceof SipURI sip ? sip.getHost() : null;
  }

  /** Parses an address ("sip:alice@example.com" or with a display name). */
  public Address address(String text) throws ParseException {
    return addresses.createAddress(text);
  }
}
