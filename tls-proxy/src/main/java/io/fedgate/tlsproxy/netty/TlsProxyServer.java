package io.fedgate.tlsproxy.netty;

import io.fedgate.acl.net.IpAddress;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.core.config.ConfigProblem;
import io.fedgate.tlsproxy.acl.AccessListTable;
import io.fedgate.tlsproxy.asa.AsaFormat;
import io.fedgate.tlsproxy.config.Direction;
import io.fedgate.tlsproxy.config.Endpoint;
import io.fedgate.tlsproxy.config.PatMapping;
import io.fedgate.tlsproxy.config.ProxyConfig;
import io.fedgate.tlsproxy.config.ProxyConfigValidator;
import io.fedgate.tlsproxy.config.ProxyInstance;
import io.fedgate.tlsproxy.config.TrustPointStore;
import io.fedgate.tlsproxy.pat.AddressMap;
import io.fedgate.tlsproxy.status.AclCounterView;
import io.fedgate.tlsproxy.status.ClosedSession;
import io.fedgate.tlsproxy.status.SessionView;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running TLS proxy: one listener per inbound PAT mapping and per outbound instance, all on one
 * Netty event loop group; both legs of a session share the accepting channel's event loop (no
 * locks). Start once, stop once.
 */
public final class TlsProxyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TlsProxyServer.class);

  private final ProxyConfig config;
  private final TrustPointStore store;
  private final PeerTrust peerTrust;
  private final SecureRandom random;
  private final int threads;
  private final TlsProvider provider;
  private final List<InstanceRuntime> runtimes = new ArrayList<>();
  private final SessionRegistry registry;
  private final AccessListTable acl;
  private final List<Channel> listeners = new ArrayList<>();
  private final Map<String, InetSocketAddress> bound = new ConcurrentHashMap<>();
  private EventLoopGroup boss;
  private EventLoopGroup workers;

  /**
   * @param peerTrust the certificate decisions (its clock decides validity)
   * @param threads event loop threads for the sessions
   */
  public TlsProxyServer(
      ProxyConfig config,
      TrustPointStore store,
      PeerTrust peerTrust,
      Clock clock,
      SecureRandom random,
      int threads) {
    this(config, store, peerTrust, clock, random, threads, TlsProvider.AUTO);
  }

  /**
   * @param provider the TLS implementation of both legs
   */
  public TlsProxyServer(
      ProxyConfig config,
      TrustPointStore store,
      PeerTrust peerTrust,
      Clock clock,
      SecureRandom random,
      int threads,
      TlsProvider provider) {
    this.provider = provider;
    this.config = config;
    this.store = store;
    this.peerTrust = peerTrust;
    this.random = random;
    this.threads = threads;
    this.registry = new SessionRegistry(clock);
    this.acl = new AccessListTable(config.accessLists());
  }

  /**
   * Validates the config, builds the TLS contexts and binds every listener.
   *
   * @throws IllegalArgumentException listing every config problem
   */
  public synchronized void start() throws InterruptedException {
    List<ConfigProblem> problems = ProxyConfigValidator.validate(config);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "tls-proxy config: "
              + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
    }
    AddressMap addresses = new AddressMap(config.patMappings());
    boolean openSsl = provider.useOpenSsl();
    try {
      for (ProxyInstance instance : config.instances()) {
        runtimes.add(new InstanceRuntime(instance, store, peerTrust, addresses, random, openSsl));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    LOG.info("tls-proxy TLS: {}", openSsl ? "BoringSSL (netty-tcnative)" : "JDK");
    boss = new NioEventLoopGroup(1);
    workers = new NioEventLoopGroup(threads);
    try {
      for (InstanceRuntime runtime : runtimes) {
        ProxyInstance instance = runtime.config();
        if (instance.direction() == Direction.OUTBOUND) {
          bind(runtime, instance.listen().orElseThrow(), instance.target().orElseThrow());
        } else {
          for (PatMapping mapping : config.mappingsOf(instance.name())) {
            bind(runtime, mapping.outside(), mapping.inside());
          }
        }
      }
    } catch (RuntimeException | InterruptedException e) {
      close();
      throw e;
    }
  }

  private void bind(InstanceRuntime runtime, Endpoint listen, Endpoint target)
      throws InterruptedException {
    IpAddress targetIp = IpAddress.parse(target.address()).orElseThrow();
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new AcceptedLeg(runtime, target, targetIp, registry, acl, random));
    Channel channel =
        bootstrap.bind(new InetSocketAddress(listen.address(), listen.port())).sync().channel();
    listeners.add(channel);
    InetSocketAddress local = (InetSocketAddress) channel.localAddress();
    bound.put(runtime.name() + " " + listen, local);
    LOG.info(
        "tls-proxy {} ({}) listening on {} -> {}",
        runtime.name(),
        runtime.config().direction(),
        local,
        target);
  }

  /** Where each listener is bound, keyed by {@code "<instance> <configured endpoint>"}. */
  public Map<String, InetSocketAddress> boundListeners() {
    return Map.copyOf(bound);
  }

  /** {@code show tls-proxy sessions}. */
  public List<SessionView> sessions() {
    return registry.open();
  }

  /** The most recently closed sessions, newest first, with their reasons. */
  public List<ClosedSession> recentlyClosed() {
    return registry.recentlyClosed();
  }

  /** {@code show access-list}: every entry's hits. */
  public List<AclCounterView> aclCounters() {
    return acl.counters().stream()
        .map(
            c ->
                new AclCounterView(
                    c.accessList(),
                    c.entry(),
                    c.entry() == 0
                        ? "implicit deny"
                        : AsaFormat.aclEntry(
                            config
                                .accessList(c.accessList())
                                .orElseThrow()
                                .entries()
                                .get(c.entry() - 1)),
                    c.hits()))
        .toList();
  }

  public ProxyConfig config() {
    return config;
  }

  @Override
  public synchronized void close() {
    listeners.forEach(Channel::close);
    listeners.clear();
    if (boss != null) {
      boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      boss = null;
      workers = null;
    }
    runtimes.forEach(InstanceRuntime::release);
    runtimes.clear();
  }
}
