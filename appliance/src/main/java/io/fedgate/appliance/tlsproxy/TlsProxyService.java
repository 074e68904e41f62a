package io.fedgate.appliance.tlsproxy;

import io.fedgate.appliance.boot.BootConfig;
import io.fedgate.appliance.boot.ListenerConfig;
import io.fedgate.appliance.boot.ListenerId;
import io.fedgate.appliance.service.BoundListener;
import io.fedgate.appliance.service.ServiceComponent;
import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.certstore.trust.TrustedCertificates;
import io.fedgate.tlsproxy.config.TrustPointStore;
import io.fedgate.tlsproxy.netty.TlsProxyServer;
import io.fedgate.tlsproxy.status.AclCounterView;
import io.fedgate.tlsproxy.status.ClosedSession;
import io.fedgate.tlsproxy.status.SessionView;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The "TLS Proxy" service: when {@code listener.tls-proxy-outside.enabled} is on, the tls-proxy
 * module in front of the node's own peer-auth listener ({@link InNodeProxyConfig}); otherwise it
 * runs with no listener. The {@code cup} identity and {@code cup-trust} are read at each start, so
 * a new certificate takes a restart of this service; so do the node's TLS peer subjects, which the
 * outside leg enforces on partners (and the node's peer-auth listener then also admits the node's
 * own name, which the proxy's inside leg presents: {@link #insideSubjects}). A proxy on another
 * host runs with {@code fedgate tls-proxy --config FILE} instead.
 */
public final class TlsProxyService implements ServiceComponent {
  private final BootConfig boot;
  private final Supplier<Identity> cup;
  private final Supplier<TrustedCertificates> cupTrust;
  private final Supplier<List<String>> peerSubjects;
  private final Clock clock;
  private final SecureRandom random;
  private volatile TlsProxyServer server;
  private volatile BoundListener bound;

  public TlsProxyService(
      BootConfig boot,
      Supplier<Identity> cup,
      Supplier<TrustedCertificates> cupTrust,
      Supplier<List<String>> peerSubjects,
      Clock clock,
      SecureRandom random) {
    this.boot = boot;
    this.cup = cup;
    this.cupTrust = cupTrust;
    this.peerSubjects = peerSubjects;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public void start() throws Exception {
    ListenerConfig outside = boot.listener(ListenerId.TLS_PROXY_OUTSIDE);
    if (!outside.enabled()) {
      return;
    }
    int port = outside.port() == 0 ? freePort(outside.address()) : outside.port();
    Identity identity = cup.get();
    List<X509Certificate> anchors = cupTrust.get().certificates();
    TrustPointStore store =
        new TrustPointStore() {
          @Override
          public Identity identity(String trustPoint) {
            return identity;
          }

          @Override
          public List<X509Certificate> certificates(String trustPoint) {
            return anchors;
          }
        };
    TlsProxyServer proxy =
        new TlsProxyServer(
            InNodeProxyConfig.of(boot, port, peerSubjects.get()),
            store,
            new PeerTrust(clock),
            clock,
            random,
            2);
    try {
      proxy.start();
    } catch (RuntimeException | InterruptedException e) {
      proxy.close();
      throw e;
    }
    InetSocketAddress local = proxy.boundListeners().values().iterator().next();
    bound =
        new BoundListener(
            ListenerId.TLS_PROXY_OUTSIDE.id(), outside.address(), outside.port(), local.getPort());
    server = proxy;
  }

  /**
   * The TLS peer subjects the node's peer-auth listener admits: the node's own, plus its own name
   * when the in-node proxy is on and the list restricts, since the proxy's inside leg presents the
   * node's {@code cup} identity.
   */
  public static List<String> insideSubjects(BootConfig boot, List<String> subjects) {
    if (subjects.isEmpty()
        || !boot.listener(ListenerId.TLS_PROXY_OUTSIDE).enabled()
        || subjects.contains(boot.nodeFqdn())) {
      return subjects;
    }
    List<String> admitted = new java.util.ArrayList<>(subjects);
    admitted.add(boot.nodeFqdn());
    return List.copyOf(admitted);
  }

  /** Port 0 asks for any free port; the PAT table needs the real one before binding. */
  private static int freePort(String address) throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(address))) {
      return probe.getLocalPort();
    }
  }

  @Override
  public void stop() {
    TlsProxyServer running = server;
    server = null;
    bound = null;
    if (running != null) {
      running.close();
    }
  }

  @Override
  public List<BoundListener> listeners() {
    BoundListener listener = bound;
    return listener == null ? List.of() : List.of(listener);
  }

  /** The running proxy, empty when the service is stopped or has no listener. */
  public Optional<TlsProxyServer> server() {
    return Optional.ofNullable(server);
  }

  public List<SessionView> sessions() {
    return server().map(TlsProxyServer::sessions).orElse(List.of());
  }

  public List<ClosedSession> recentlyClosed() {
    return server().map(TlsProxyServer::recentlyClosed).orElse(List.of());
  }

  public List<AclCounterView> aclCounters() {
    return server().map(TlsProxyServer::aclCounters).orElse(List.of());
  }
}
