package io.fedgate.xmpp.netty;

import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.trust.TrustedCertificates;
import io.fedgate.core.route.RemoteGateway;
import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.s2s.Admission;
import io.fedgate.xmpp.s2s.AuthMethod;
import io.fedgate.xmpp.s2s.DialbackOutcome;
import io.fedgate.xmpp.s2s.Direction;
import io.fedgate.xmpp.s2s.DomainPair;
import io.fedgate.xmpp.s2s.FailureReason;
import io.fedgate.xmpp.s2s.PartnerSettings;
import io.fedgate.xmpp.s2s.S2sConnection;
import io.fedgate.xmpp.s2s.S2sFailure;
import io.fedgate.xmpp.s2s.S2sInbound;
import io.fedgate.xmpp.s2s.S2sOutbound;
import io.fedgate.xmpp.s2s.S2sSettings;
import io.fedgate.xmpp.s2s.S2sXml;
import io.fedgate.xmpp.s2s.TestStep;
import io.fedgate.xmpp.s2s.TestStep.Outcome;
import io.fedgate.xmpp.s2s.TestStep.Step;
import io.fedgate.xmpp.s2s.VerifyRequest;
import io.fedgate.xmpp.stream.StreamError;
import io.fedgate.xmpp.stream.StreamErrorCondition;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XMPP Federation Connection Manager's engine: S2S listeners (STARTTLS and XEP-0368 direct
 * TLS), outbound streams (one per domain pair, reused, see {@link OutboundLink}), dialback as
 * receiving and authoritative server, the connection list, the per-domain failure history and the
 * step-by-step test of {@code fedgate xmpp test DOMAIN}. Never blocks the caller of {@link #send}:
 * work hops onto the pair's event loop.
 */
public final class S2sService implements RemoteGateway, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(S2sService.class);

  /** Dialback verifications (outbound verify-only streams) in progress at once, service-wide. */
  static final int MAX_VERIFICATIONS = 128;

  private final S2sServices services;
  private final S2sRegistry registry;
  private final java.util.concurrent.atomic.AtomicInteger verifying =
      new java.util.concurrent.atomic.AtomicInteger();
  private final Map<DomainPair, OutboundLink> links = new ConcurrentHashMap<>();
  private final Map<String, Integer> inboundPerAddress = new ConcurrentHashMap<>();
  private volatile int maxInboundPerAddress;
  private final List<Channel> servers = new ArrayList<>();
  private volatile ChannelGroup channels;
  private volatile EventLoopGroup boss;
  private volatile EventLoopGroup workers;
  private volatile S2sTls tls;
  private volatile XmppTlsProvider tlsProvider = XmppTlsProvider.AUTO;

  public S2sService(S2sServices services) {
    this.services = services;
    this.registry = new S2sRegistry(services.clock());
  }

  /**
   * Binds the listeners (port 0 allowed) and starts accepting; answers the bound addresses,
   * STARTTLS ones first, in the given order. Outbound traffic works from here on too.
   */
  public synchronized List<InetSocketAddress> start(
      List<InetSocketAddress> starttls, List<InetSocketAddress> directTls) throws Exception {
    if (workers != null) {
      throw new IllegalStateException("already started");
    }
    boss = new NioEventLoopGroup(1);
    workers = new NioEventLoopGroup(2);
    channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    try {
      for (InetSocketAddress address : starttls) {
        bind(address, false);
      }
      for (InetSocketAddress address : directTls) {
        bind(address, true);
      }
    } catch (Exception e) { // Netty throws BindException undeclared
      stop();
      throw e;
    }
    return boundAddresses();
  }

  private void bind(InetSocketAddress address, boolean direct) throws InterruptedException {
    Channel server =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 256)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    accept(ch, direct);
                  }
                })
            .bind(address)
            .sync()
            .channel();
    servers.add(server);
    LOG.info("S2S listener ({}) on {}", direct ? "direct TLS" : "STARTTLS", server.localAddress());
  }

  /**
   * At most this many inbound connections from one IP address at a time (0: no limit); one more is
   * refused with the stream error {@code policy-violation} and recorded as a failure.
   */
  public void maxInboundPerAddress(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max must be 0 (no limit) or positive");
    }
    maxInboundPerAddress = max;
  }

  /**
   * The TLS implementation of the streams started from now on ({@code xmpp.tls-provider}; {@link
   * XmppTlsProvider#AUTO} unless set). Fails at once when {@code OPENSSL} cannot load here.
   */
  public void tlsProvider(XmppTlsProvider provider) {
    provider.openSsl();
    tlsProvider = provider;
    tls = null;
  }

  private void accept(SocketChannel ch, boolean direct) {
    track(ch);
    S2sSettings settings = settingsNow();
    S2sTls engines = tls();
    String ip = ch.remoteAddress().getAddress().getHostAddress();
    int fromThere = inboundPerAddress.merge(ip, 1, Integer::sum);
    ch.closeFuture()
        .addListener(f -> inboundPerAddress.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1));
    int max = maxInboundPerAddress;
    if (max > 0 && fromThere > max) {
      refuse(ch, direct, engines, ip, max);
      return;
    }
    String peer = S2sInboundHandler.address(ch.remoteAddress());
    XmppStreamDecoder decoder = new XmppStreamDecoder(settings.limits(), Namespaces.SERVER);
    S2sInbound machine =
        new S2sInbound(
            settings,
            services.partners(),
            services.localDomains().get(),
            partnerLimited(services.admission(), "in-" + ch.id().asShortText()),
            ch.remoteAddress().getAddress().getHostAddress(),
            direct,
            this::newStreamId);
    if (direct) {
      ch.pipeline().addLast("tls", new SslHandler(engines.serverEngine()));
    }
    ch.pipeline()
        .addLast(
            "idle",
            new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
        .addLast("xml", decoder)
        .addLast("s2s", new S2sInboundHandler(this, machine, decoder, engines, peer));
  }

  /**
   * The admission of one inbound connection, then the partner's {@code connectionLimit}: a pair
   * authenticated for a partner that already holds that many other inbound connections is refused
   * ({@code PARTNER_CONNECTION_LIMIT}). Streams authenticating at the same instant on two event
   * loops may both pass: the limit is exact only up to that race.
   */
  private Admission partnerLimited(Admission admission, String connection) {
    return request -> {
      Admission.Decision decision = admission.decide(request);
      if (!decision.allowed()
          || request.direction() != Direction.INBOUND
          || request.method() == AuthMethod.NONE) {
        return decision;
      }
      Optional<PartnerSettings> partner = services.partners().apply(request.peerDomain());
      if (partner.isEmpty() || partner.get().connectionLimit() == 0) {
        return decision;
      }
      int limit = partner.get().connectionLimit();
      int open = registry.inboundConnections(partner.get().domains(), connection);
      return open < limit
          ? decision
          : Admission.Decision.refuse(
              "PARTNER_CONNECTION_LIMIT",
              "partner "
                  + partner.get().primaryDomain()
                  + " already holds "
                  + open
                  + " inbound S2S connections (connectionLimit "
                  + limit
                  + ")");
    };
  }

  /** Our header, {@code policy-violation} and the stream end (after TLS on a direct-TLS port). */
  private void refuse(SocketChannel ch, boolean direct, S2sTls engines, String ip, int max) {
    String text = "more than " + max + " inbound S2S connections from " + ip;
    String local = services.localDomains().get().stream().sorted().findFirst().orElse("");
    ByteBuf refusal =
        Unpooled.copiedBuffer(
            S2sXml.refusedStream(
                local, new StreamError(StreamErrorCondition.POLICY_VIOLATION, text)),
            StandardCharsets.UTF_8);
    registry.failure(
        Direction.INBOUND,
        "",
        "",
        S2sInboundHandler.address(ch.remoteAddress()),
        FailureReason.STREAM_ERROR_SENT,
        "policy-violation: " + text);
    if (direct) {
      ch.pipeline()
          .addLast("tls", new SslHandler(engines.serverEngine()))
          .addLast(
              new ChannelInboundHandlerAdapter() {
                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                  if (event instanceof SslHandshakeCompletionEvent) {
                    ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
                  }
                }

                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                  ReferenceCountUtil.release(msg);
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                  ctx.close();
                }
              });
    } else {
      ch.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** The bound listener addresses (empty when stopped). */
  public synchronized List<InetSocketAddress> boundAddresses() {
    return servers.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
  }

  /**
   * Stops the listeners, closes every stream, fails queued stanzas with {@code
   * remote-server-timeout}; waits for the event loops.
   */
  public synchronized void stop() {
    servers.forEach(c -> c.close().syncUninterruptibly());
    servers.clear();
    links.values().forEach(link -> link.loop().execute(link::shutdown));
    links.clear();
    if (channels != null) {
      channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    if (boss != null) {
      boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
    boss = null;
    workers = null;
    registry.clear();
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Closes every S2S stream (inbound and outbound; listeners stay) and fails queued stanzas with
   * {@code remote-server-timeout}: after a settings or certificate change, so that every pair
   * renegotiates with the new values on its next stanza. Waits up to 2 s for the closes.
   */
  public void disconnectAll() {
    List<OutboundLink> closing = new ArrayList<>(links.values());
    links.clear();
    closing.forEach(link -> link.loop().execute(link::shutdown));
    ChannelGroup group = channels;
    if (group != null) {
      group.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
  }

  /**
   * Sends a stanza ('from' a local JID, 'to' a remote JID) on the outbound stream of its domain
   * pair, opening it if needed; queued while the stream is negotiated. {@code failed} gets {@code
   * not-allowed} (admission refused), {@code remote-server-not-found} (DNS, connection, or
   * authentication failed), {@code remote-server-timeout} (no answer in time, link lost), {@code
   * internal-server-error} (our dialback key was refused), {@code resource-constraint} (queue full)
   * or {@code service-unavailable} (federation off or the service stopped); never for a stanza of
   * type 'error'.
   */
  @Override
  public void send(XmlElement stanza, Consumer<String> failed) {
    AtomicBoolean once = new AtomicBoolean();
    boolean isError = "error".equals(stanza.attribute("type").orElse(""));
    Consumer<String> fail =
        condition -> {
          if (!isError && once.compareAndSet(false, true)) {
            failed.accept(condition);
          }
        };
    Optional<Jid> to = stanza.attribute("to").flatMap(Jid::parse);
    Optional<Jid> from = stanza.attribute("from").flatMap(Jid::parse);
    EventLoopGroup group = workers;
    if (to.isEmpty() || from.isEmpty()) {
      fail.accept("bad-request");
      return;
    }
    if (group == null || !settingsNow().enabled()) {
      fail.accept("service-unavailable");
      return;
    }
    DomainPair pair = new DomainPair(from.get().domain(), to.get().domain());
    if (!services.localDomains().get().contains(pair.local())
        || services.localDomains().get().contains(pair.remote())) {
      fail.accept("bad-request");
      return;
    }
    Admission.Decision decision =
        services
            .admission()
            .decide(
                new Admission.Request(
                    Direction.OUTBOUND,
                    pair.local(),
                    pair.remote(),
                    Optional.empty(),
                    AuthMethod.NONE));
    if (!decision.allowed()) {
      registry.failure(
          Direction.OUTBOUND,
          pair.local(),
          pair.remote(),
          "",
          FailureReason.ADMISSION_REFUSED,
          "[" + decision.reasonCode() + "] " + decision.text());
      fail.accept("not-allowed");
      return;
    }
    OutboundLink link = links.computeIfAbsent(pair, p -> new OutboundLink(this, p, group.next()));
    try {
      link.loop().execute(() -> link.send(stanza, fail));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      fail.accept("service-unavailable");
    }
  }

  /** The authenticated domain pairs of the live streams. */
  public List<S2sConnection> connections() {
    return registry.connections();
  }

  /**
   * Every failure, as it is recorded, goes to this sink too (e.g. to persist the history). Called
   * on event loops: must not block (hand the work to an executor).
   */
  public void onFailure(java.util.function.Consumer<S2sFailure> sink) {
    registry.sink(sink);
  }

  /** The recent failures (newest first, at most 50) of one remote domain. */
  public List<S2sFailure> failures(String domain) {
    return registry.failures(domain);
  }

  /**
   * Runs one outbound negotiation to the domain from the first local domain (sorted), on a fresh
   * connection closed at the end, and answers its steps in order (DNS, TCP, STARTTLS, CERTIFICATE,
   * SASL_EXTERNAL, DIALBACK, RESULT). Never fails exceptionally: a failure is a FAILED step.
   */
  public CompletionStage<List<TestStep>> test(String domain) {
    CompletableFuture<List<TestStep>> result = new CompletableFuture<>();
    List<TestStep> steps = new ArrayList<>();
    EventLoopGroup group = workers;
    Optional<String> local = services.localDomains().get().stream().sorted().findFirst();
    if (group == null || local.isEmpty()) {
      steps.add(new TestStep(Step.RESULT, Outcome.FAILED, "the S2S service is not running"));
      return CompletableFuture.completedFuture(steps);
    }
    DomainPair pair = new DomainPair(local.get(), domain);
    EventLoop loop = group.next();
    OutboundListener listener =
        new OutboundListener() {
          @Override
          public void progress(TestStep step) {
            steps.add(step);
          }

          @Override
          public void ready(S2sOutboundHandler handler, AuthMethod method) {
            handler.closeGracefully();
            result.complete(List.copyOf(steps));
          }

          @Override
          public void failed(FailureReason reason, String detail, String bounce) {
            result.complete(List.copyOf(steps));
          }

          @Override
          public void closed(S2sOutboundHandler handler) {
            result.complete(List.copyOf(steps));
          }
        };
    loop.execute(
        () ->
            new OutboundAttempt(
                    this,
                    loop,
                    pair,
                    () ->
                        new S2sOutbound(
                            settingsNow(),
                            services.partners().apply(domain),
                            pair,
                            services.admission(),
                            List.of()),
                    listener)
                .start());
    return result;
  }

  /**
   * XEP-0220 step 2-3: ask the authoritative server of the pair's remote domain. At most {@link
   * #MAX_VERIFICATIONS} run at once for the whole service (each opens a stream, so a flood of
   * {@code db:result} on many inbound streams must not become a flood of outbound connections);
   * beyond that the answer is the dialback error {@code resource-constraint}.
   */
  CompletionStage<DialbackOutcome> verify(VerifyRequest request) {
    EventLoopGroup group = workers;
    if (group == null) {
      return CompletableFuture.completedFuture(DialbackOutcome.error("remote-connection-failed"));
    }
    if (verifying.incrementAndGet() > MAX_VERIFICATIONS) {
      verifying.decrementAndGet();
      registry.failure(
          Direction.INBOUND,
          request.pair().local(),
          request.pair().remote(),
          "",
          FailureReason.DIALBACK_FAILED,
          "too many dialback verifications in progress (" + MAX_VERIFICATIONS + ")");
      return CompletableFuture.completedFuture(DialbackOutcome.error("resource-constraint"));
    }
    CompletableFuture<DialbackOutcome> result = new CompletableFuture<>();
    S2sSettings settings = settingsNow();
    // a stuck resolver or a stopped event loop must not hold a slot (or the peer) forever
    result.completeOnTimeout(
        DialbackOutcome.error("remote-server-timeout"),
        settings.connectTimeout().plus(settings.negotiationTimeout()).toMillis() + 1_000,
        TimeUnit.MILLISECONDS);
    result.whenComplete((outcome, failure) -> verifying.decrementAndGet());
    EventLoop loop = group.next();
    OutboundListener listener =
        new OutboundListener() {
          @Override
          public void verifyAnswered(VerifyRequest answered, DialbackOutcome outcome) {
            result.complete(outcome);
          }

          @Override
          public void failed(FailureReason reason, String detail, String bounce) {
            result.complete(
                DialbackOutcome.error(
                    reason == FailureReason.DNS_NOT_FOUND
                        ? "remote-server-not-found"
                        : "remote-connection-failed"));
          }

          @Override
          public void closed(S2sOutboundHandler handler) {
            result.complete(DialbackOutcome.error("remote-server-timeout"));
          }
        };
    try {
      loop.execute(() -> OutboundAttempt.verify(this, loop, request, listener).start());
    } catch (java.util.concurrent.RejectedExecutionException e) {
      result.complete(DialbackOutcome.error("remote-connection-failed"));
    }
    return result;
  }

  S2sServices services() {
    return services;
  }

  S2sRegistry registry() {
    return registry;
  }

  S2sSettings settingsNow() {
    return services.settings().get();
  }

  TrustedCertificates trustNow() {
    return services.trust().get();
  }

  /** The TLS engines for the current {@code cup-xmpp} identity (rebuilt when it changes). */
  S2sTls tls() {
    Identity identity = services.identity().get();
    S2sTls current = tls;
    if (current == null || current.identity() != identity) {
      current = new S2sTls(identity, services.random(), tlsProvider.openSsl());
      tls = current;
    }
    return current;
  }

  void track(Channel channel) {
    ChannelGroup group = channels;
    if (group != null) {
      group.add(channel);
    }
  }

  private String newStreamId() {
    byte[] id = new byte[16];
    services.random().nextBytes(id);
    return HexFormat.of().formatHex(id);
  }
}
