package io.fedgate.appliance.sip;

import io.fedgate.appliance.boot.BootConfig;
import io.fedgate.appliance.boot.ListenerConfig;
import io.fedgate.appliance.boot.ListenerId;
import io.fedgate.appliance.doctor.DnsLookup;
import io.fedgate.appliance.federation.FederationAdmin;
import io.fedgate.appliance.federation.PolicyAdmin;
import io.fedgate.appliance.service.BoundListener;
import io.fedgate.appliance.service.ServiceComponent;
import io.fedgate.appliance.service.TrafficCounters;
import io.fedgate.appliance.xmpp.FederationGateways;
import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.tls.CipherProfile;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.certstore.trust.TrustedCertificates;
import io.fedgate.core.net.HostSyntax;
import io.fedgate.core.route.InboundStanzas;
import io.fedgate.core.route.RemoteGateway;
import io.fedgate.routes.NextHop;
import io.fedgate.routes.RouteAddress;
import io.fedgate.routes.select.Candidate;
import io.fedgate.routes.select.RouteSelection;
import io.fedgate.routes.select.RoutingChain;
import io.fedgate.sip.gate.InboundGate;
import io.fedgate.sip.gateway.NextHopHealth;
import io.fedgate.sip.gateway.NextHopProber;
import io.fedgate.sip.gateway.NextHops;
import io.fedgate.sip.gateway.SipGateway;
import io.fedgate.sip.jain.SipEndpoint;
import io.fedgate.sip.jain.SipTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "SIP Proxy" service: the SIP listeners of the boot configuration (peer-auth TLS, server-auth
 * TLS, TCP when enabled) on JAIN-SIP, the inbound gate from the live ACL, SIP policy and
 * open-federation guard, and the SIP federation gateway attached to the router for the SIP
 * federated domains. Outbound next hops come from the static routes, then the domain's {@code
 * _sipfederationtls._tcp} SRV records.
 */
public final class SipProxyService implements ServiceComponent, TrafficCounters.Source {
  private static final Logger LOG = LoggerFactory.getLogger(SipProxyService.class);
  private static final Duration DOMAIN_CACHE = Duration.ofSeconds(2);

  /** What the service reads, from the composition root (suppliers: read when it starts). */
  public record Wiring(
      Supplier<FederationAdmin> federation,
      Supplier<List<String>> peerSubjects,
      Supplier<Identity> cup,
      Supplier<TrustedCertificates> cupTrust,
      FederationGateways gateways,
      Supplier<InboundStanzas> inbound,
      DnsLookup dns,
      Clock clock,
      java.util.function.Function<String, String> parameter,
      java.util.function.Predicate<io.fedgate.core.stanza.Jid> localUser) {}

  private final BootConfig config;
  private final Wiring wiring;
  private final AtomicReference<Running> running = new AtomicReference<>();
  private final AtomicReference<DomainSnapshot> domains = new AtomicReference<>();

  private record Running(
      SipEndpoint endpoint,
      RemoteGateway gateway,
      ExecutorService executor,
      ScheduledExecutorService scheduler,
      NextHopProber prober,
      List<BoundListener> bound) {}

  private record DomainSnapshot(Set<String> names, Instant readAt) {}

  /** Kept across restarts: messages per peer domain both ways, refusals by reason code. */
  private final TrafficCounters.Traffic traffic = TrafficCounters.Traffic.of("SIP");

  public SipProxyService(BootConfig config, Wiring wiring) {
    this.config = config;
    this.wiring = wiring;
  }

  @Override
  public void start() throws Exception {
    FederationAdmin federation = wiring.federation().get();
    List<SipEndpoint.ListenerSpec> specs = new ArrayList<>();
    List<ListenerId> ids = new ArrayList<>();
    add(specs, ids, ListenerId.SIP_PEER_AUTH, SipEndpoint.Kind.PEER_AUTH_TLS);
    add(specs, ids, ListenerId.SIP_SERVER_AUTH, SipEndpoint.Kind.SERVER_AUTH_TLS);
    add(specs, ids, ListenerId.SIP_TCP, SipEndpoint.Kind.TCP);
    boolean tlsNeeded = specs.stream().anyMatch(s -> s.kind() != SipEndpoint.Kind.TCP);
    Optional<SipTls> tls =
        tlsNeeded
            ? Optional.of(
                new SipTls(
                    wiring.cup().get(),
                    wiring.cupTrust().get(),
                    wiring.peerSubjects().get(),
                    // JAIN-SIP's NIO TLS is used with TLS 1.2, what Lync/SfB Edges speak
                    List.of("TLSv1.2"),
                    CipherProfile.LYNC_COMPATIBLE.suites(),
                    new PeerTrust(wiring.clock()),
                    SipProxyService::logTlsDecision))
            : Optional.empty();
    ExecutorService executor = Executors.newFixedThreadPool(2, daemonThreads());
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(daemonThreads());
    NextHopHealth health = new NextHopHealth(this::healthSettings, wiring.clock());
    SipGateway gateway =
        new SipGateway(
            domain -> config.localDomains().contains(domain),
            this::targets,
            stanza -> {
              traffic.in().increment(domainOf(stanza, "from"));
              wiring.inbound().get().deliver(stanza);
            },
            executor,
            health,
            () -> Boolean.parseBoolean(wiring.parameter().apply("sip.im-gateway-status")),
            scheduler,
            () ->
                Duration.ofSeconds(
                    Long.parseLong(
                        wiring.parameter().apply("sip.im-session-idle-timeout-seconds"))),
            wiring.localUser(),
            wiring.clock());
    InboundGate gate =
        new InboundGate(
            () -> federation.acl().acl(),
            () -> federation.policy().decider(PolicyAdmin.Protocol.SIP),
            domain -> federation.sipDomains().declaredPartner(domain),
            Optional.of(federation.guard().guard()),
            refusal -> traffic.refusals().increment(refusal.code()),
            Optional.of(
                new io.fedgate.sip.gate.PeerFloodThrottle(
                    () ->
                        Integer.parseInt(
                            wiring.parameter().apply("sip.inbound-requests-per-peer-per-second")),
                    System::nanoTime)));
    SipEndpoint endpoint;
    try {
      endpoint =
          SipEndpoint.start(
              new SipEndpoint.Settings(
                  "sip-proxy-" + System.identityHashCode(this),
                  config.nodeFqdn(),
                  65_536,
                  16_384,
                  Duration.ofSeconds(10),
                  specs),
              tls,
              gate,
              gateway);
    } catch (Exception e) {
      executor.shutdownNow();
      scheduler.shutdownNow();
      throw e;
    }
    gateway.bind(endpoint);
    List<BoundListener> bound = new ArrayList<>();
    for (SipEndpoint.BoundListener listener : endpoint.bound()) {
      ListenerId id = ids.get(kindIndex(specs, listener.kind()));
      ListenerConfig configured = config.listener(id);
      bound.add(
          new BoundListener(id.id(), configured.address(), configured.port(), listener.port()));
    }
    RemoteGateway counted =
        (stanza, failed) -> {
          traffic.out().increment(domainOf(stanza, "to"));
          gateway.send(stanza, failed);
        };
    NextHopProber prober =
        new NextHopProber(endpoint, this::targets, this::sipDomains, health, scheduler);
    running.set(new Running(endpoint, counted, executor, scheduler, prober, List.copyOf(bound)));
    wiring.gateways().attachSip(counted, this::isSipFederated);
    federation.routes().attachNextHopHealth(domain -> healthLines(health, domain));
    prober.start();
  }

  private static int kindIndex(List<SipEndpoint.ListenerSpec> specs, SipEndpoint.Kind kind) {
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i).kind() == kind) {
        return i;
      }
    }
    throw new IllegalStateException("no listener " + kind);
  }

  private void add(
      List<SipEndpoint.ListenerSpec> specs,
      List<ListenerId> ids,
      ListenerId id,
      SipEndpoint.Kind kind) {
    ListenerConfig listener = config.listener(id);
    if (listener.enabled()) {
      specs.add(new SipEndpoint.ListenerSpec(kind, listener.address(), listener.port()));
      ids.add(id);
    }
  }

  /**
   * TLS decisions of the SIP listeners and outbound legs: refusals (a peer not chaining to {@code
   * cup-trust}, missing EKU, not a TLS peer subject, name mismatch) are logged with their stable
   * reason code; the handshake has already been failed.
   */
  private static void logTlsDecision(io.fedgate.certstore.trust.Decision decision) {
    if (decision instanceof io.fedgate.certstore.trust.Decision.Refused refused) {
      LOG.warn(
          "SIP TLS peer '{}' refused: {} ({})", refused.peer(), refused.reason(), refused.detail());
    } else {
      LOG.debug("SIP TLS peer {}: trusted", decision.peer());
    }
  }

  /** The next hop health settings, from the runtime parameters (read at every use). */
  private NextHopHealth.Settings healthSettings() {
    return new NextHopHealth.Settings(
        Duration.ofSeconds(
            Long.parseLong(wiring.parameter().apply("sip.options-ping-interval-seconds"))),
        Integer.parseInt(wiring.parameter().apply("sip.options-ping-failures")),
        Integer.parseInt(wiring.parameter().apply("sip.options-ping-successes")));
  }

  private List<String> sipDomains() {
    return wiring.federation().get().sipDomains().list().stream()
        .map(d -> d.domainName().toLowerCase(Locale.ROOT))
        .toList();
  }

  /** The route explainer's view of a domain's next hops (resolves them: may do DNS). */
  private List<String> healthLines(NextHopHealth health, String domain) {
    if (!isSipFederated(domain)) {
      return List.of();
    }
    NextHopHealth.Settings settings = health.settings();
    List<String> lines = new ArrayList<>();
    lines.add(
        "SIP next hops of "
            + domain
            + (settings.interval().isZero()
                ? " (OPTIONS pings off):"
                : " (OPTIONS every " + settings.interval().toSeconds() + " s):"));
    List<NextHops.Target> hops = targets(domain);
    if (hops.isEmpty()) {
      lines.add("  none resolved");
    }
    Instant now = health.now();
    for (NextHops.Target hop : health.order(hops, NextHops.Target::key)) {
      lines.add(
          "  "
              + health
                  .status(hop.key())
                  .map(s -> s.describe(now))
                  .orElse(hop.key() + " (" + hop.expectedHost() + ") not checked yet"));
    }
    return lines;
  }

  /** Whether the domain is a SIP federated domain (read at most every two seconds). */
  private boolean isSipFederated(String domain) {
    DomainSnapshot snapshot = domains.get();
    Instant now = wiring.clock().instant();
    if (snapshot == null || snapshot.readAt().plus(DOMAIN_CACHE).isBefore(now)) {
      Set<String> names =
          wiring.federation().get().sipDomains().list().stream()
              .map(d -> d.domainName().toLowerCase(Locale.ROOT))
              .collect(Collectors.toUnmodifiableSet());
      snapshot = new DomainSnapshot(names, now);
      domains.set(snapshot);
    }
    return snapshot.names().contains(domain.toLowerCase(Locale.ROOT));
  }

  /** Static routes first, then SRV (RoutingChain), each next hop resolved to its addresses. */
  List<NextHops.Target> targets(String domain) {
    RoutingChain.Outcome outcome =
        RoutingChain.federatedDomain(domain)
            .evaluate(
                wiring.federation().get().routes().table(), RouteAddress.domain(domain), Set.of());
    List<NextHops.Target> targets = new ArrayList<>();
    if (outcome.selection() instanceof RouteSelection.Routed routed) {
      for (Candidate candidate : routed.candidates()) {
        if (candidate instanceof Candidate.Direct direct) {
          NextHop hop = direct.hop();
          resolve(hop.host(), hop.port(), hop.transport().name(), domain, targets);
        } else {
          String srvName =
              candidate instanceof Candidate.RouteSrv r
                  ? r.srvName()
                  : ((Candidate.DomainSrv) candidate).srvName();
          try {
            for (DnsLookup.SrvTarget srv : wiring.dns().srv(srvName)) {
              resolve(srv.host(), srv.port(), "TLS", domain, targets);
            }
          } catch (IOException e) {
            LOG.info("SRV {} not resolved: {}", srvName, e.toString());
          }
        }
      }
    }
    return targets;
  }

  /**
   * The next hop's certificate must name the next hop host; a next hop given as an IP address has
   * no name to check, so its certificate must name the SIP federated domain instead.
   */
  private void resolve(
      String host, int port, String transport, String domain, List<NextHops.Target> targets) {
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    try {
      boolean ip = HostSyntax.isIpLiteral(name);
      List<InetAddress> addresses =
          ip ? List.of(InetAddress.getByName(name)) : wiring.dns().addresses(name);
      for (InetAddress address : addresses) {
        targets.add(
            new NextHops.Target(
                new InetSocketAddress(address, port), transport, ip ? domain : name));
      }
    } catch (IOException e) {
      LOG.info("next hop {} not resolved: {}", name, e.toString());
    }
  }

  @Override
  public void stop() {
    Running r = running.getAndSet(null);
    if (r == null) {
      return;
    }
    wiring.gateways().detachSip(r.gateway());
    wiring.federation().get().routes().attachNextHopHealth(null);
    r.prober().close();
    r.scheduler().shutdownNow();
    r.endpoint().close();
    r.executor().shutdownNow();
  }

  @Override
  public boolean applyLive(String key) {
    // static routes, the ACL/policy and the sip.* live parameters are read per request
    return "static-routes".equals(key)
        || "sip.im-gateway-status".equals(key)
        || "sip.im-session-idle-timeout-seconds".equals(key)
        || "sip.inbound-requests-per-peer-per-second".equals(key)
        || key.startsWith("sip.options-ping-");
  }

  @Override
  public TrafficCounters.Traffic traffic() {
    return traffic;
  }

  private static String domainOf(io.fedgate.core.stanza.XmlElement stanza, String attribute) {
    return stanza
        .attribute(attribute)
        .flatMap(io.fedgate.core.stanza.Jid::parse)
        .map(io.fedgate.core.stanza.Jid::domain)
        .orElse("");
  }

  @Override
  public List<BoundListener> listeners() {
    Running r = running.get();
    return r == null ? List.of() : r.bound();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "sip-gateway-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
