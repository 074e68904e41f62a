package io.fedgate.appliance.s2s;

import io.fedgate.appliance.boot.BootConfig;
import io.fedgate.appliance.boot.ListenerConfig;
import io.fedgate.appliance.boot.ListenerId;
import io.fedgate.appliance.federation.FederationAdmin;
import io.fedgate.appliance.federation.PolicyAdmin.Protocol;
import io.fedgate.appliance.federation.XmppPartnerAdmin;
import io.fedgate.appliance.federation.XmppSettings;
import io.fedgate.appliance.service.BoundListener;
import io.fedgate.appliance.service.ServiceComponent;
import io.fedgate.appliance.service.TrafficCounters;
import io.fedgate.appliance.store.JdbcXmppPartners.XmppPartner;
import io.fedgate.appliance.xmpp.FederationGateways;
import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.trust.TrustedCertificates;
import io.fedgate.core.route.InboundStanzas;
import io.fedgate.core.route.RemoteGateway;
import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.dns.DnsjavaResolver;
import io.fedgate.xmpp.dns.SrvTarget;
import io.fedgate.xmpp.netty.S2sService;
import io.fedgate.xmpp.netty.S2sServices;
import io.fedgate.xmpp.netty.XmppTlsProvider;
import io.fedgate.xmpp.s2s.Admission;
import io.fedgate.xmpp.s2s.PartnerSettings;
import io.fedgate.xmpp.s2s.S2sConnection;
import io.fedgate.xmpp.s2s.S2sFailure;
import io.fedgate.xmpp.s2s.S2sSettings;
import io.fedgate.xmpp.s2s.TestStep;
import io.fedgate.xmpp.stream.StreamLimits;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "XMPP Federation Connection Manager" service: xmpp-federation's {@link S2sService} with the
 * XMPP Federation Settings, DNS overrides and partners read when it starts (a change needs a
 * restart, as on IM&P), the {@code cup-xmpp} identity and {@code cup-xmpp-trust}, the S2S listeners
 * of the boot file, the admission rules of {@link S2sAdmission}, and the open-federation guard on
 * inbound stanzas. While running it is the router's XMPP gateway. With XMPP federation off it runs
 * idle: no listener, no gateway (remote XMPP domains get {@code remote-server-not-found}).
 */
public final class XmppFederationConnectionManager
    implements ServiceComponent, S2sMonitor, TrafficCounters.Source {
  private static final Logger log = LoggerFactory.getLogger(XmppFederationConnectionManager.class);
  private static final Duration DNS_TIMEOUT = Duration.ofSeconds(5);

  /** What the service needs from the composition root. */
  public record Wiring(
      Supplier<FederationAdmin> federation,
      FederationGateways gateways,
      Supplier<InboundStanzas> inbound,
      Supplier<Identity> identity,
      Supplier<TrustedCertificates> trust,
      FailureHistory failures,
      java.util.function.IntSupplier maxInboundPerAddress,
      Clock clock,
      SecureRandom random) {}

  private record Running(
      S2sService service, RemoteGateway gateway, List<BoundListener> listeners) {}

  /** Kept across restarts: stanzas per peer domain both ways, refusals by reason. */
  private final TrafficCounters.Traffic traffic = TrafficCounters.Traffic.of("XMPP S2S");

  private final BootConfig config;
  private final Wiring wiring;
  private final Predicate<String> live;
  private volatile Running running;

  public XmppFederationConnectionManager(BootConfig config, Wiring wiring, Predicate<String> live) {
    this.config = config;
    this.wiring = wiring;
    this.live = live;
  }

  @Override
  public void start() throws Exception {
    FederationAdmin federation = wiring.federation().get();
    XmppSettings.Active active = federation.xmppSettings().active();
    if (!active.settings().enabled()) {
      log.info("XMPP federation is off: no S2S listener, no XMPP gateway");
      return;
    }
    Map<String, PartnerSettings> partners = partners(federation.xmppPartners().partners());
    Function<String, Optional<PartnerSettings>> partnerOf =
        d -> Optional.ofNullable(partners.get(d));
    Map<String, SrvTarget> overrides = new HashMap<>();
    active
        .settings()
        .dnsOverrides()
        .forEach(o -> overrides.put(o.domain(), SrvTarget.plain(o.host(), o.port())));
    Map<String, SrvTarget> frozenOverrides = Map.copyOf(overrides);
    Predicate<String> declared = federation.sipDomains()::declaredPartner;
    // Read once: the event loops never touch the database (a certificate change needs a restart).
    Identity identity = wiring.identity().get();
    TrustedCertificates trust = wiring.trust().get();
    S2sService[] self = new S2sService[1];
    S2sServices services =
        new S2sServices(
            settingsOf(active),
            partnerOf,
            () -> Set.copyOf(config.localDomains()),
            () -> identity,
            () -> trust,
            counted(
                new S2sAdmission(
                    () -> federation.policy().decider(Protocol.XMPP),
                    () -> federation.acl().acl(),
                    () -> federation.guard().guard(),
                    partners::containsKey,
                    declared)),
            new GuardedInbound(
                counted(wiring.inbound().get()),
                () -> federation.guard().guard(),
                declared,
                () -> Optional.<RemoteGateway>ofNullable(self[0]),
                traffic.refusals()),
            new DnsjavaResolver(
                resolver(active.settings().dnsResolver()),
                DNS_TIMEOUT,
                () -> frozenOverrides,
                wiring.random()),
            wiring.clock(),
            wiring.random());
    S2sService service = new S2sService(services);
    service.onFailure(wiring.failures()::record);
    service.maxInboundPerAddress(wiring.maxInboundPerAddress().getAsInt());
    service.tlsProvider(XmppTlsProvider.named(config.xmppTlsProvider()).orElseThrow());
    self[0] = service;
    List<ListenerId> ids = new ArrayList<>();
    List<InetSocketAddress> starttls = addresses(ListenerId.XMPP_S2S, ids);
    List<InetSocketAddress> directTls = addresses(ListenerId.XMPP_S2S_DIRECT_TLS, ids);
    List<InetSocketAddress> bound;
    try {
      bound = service.start(starttls, directTls);
    } catch (Exception e) { // Netty throws BindException undeclared
      service.stop();
      throw e;
    }
    List<BoundListener> listeners = new ArrayList<>();
    for (int i = 0; i < ids.size() && i < bound.size(); i++) {
      ListenerConfig listener = config.listener(ids.get(i));
      listeners.add(
          new BoundListener(
              ids.get(i).id(), listener.address(), listener.port(), bound.get(i).getPort()));
    }
    RemoteGateway gateway = counted(service);
    running = new Running(service, gateway, List.copyOf(listeners));
    wiring.gateways().attachXmpp(gateway);
    log.info(
        "XMPP federation on ({}, {} partner domain(s)); S2S listeners {}",
        active.settings().securityMode(),
        partners.size(),
        listeners);
  }

  private List<InetSocketAddress> addresses(ListenerId id, List<ListenerId> ids) {
    ListenerConfig listener = config.listener(id);
    if (!listener.enabled()) {
      return List.of();
    }
    ids.add(id);
    return List.of(new InetSocketAddress(listener.address(), listener.port()));
  }

  @Override
  public void stop() {
    Running current = running;
    running = null;
    if (current != null) {
      wiring.gateways().detachXmpp(current.gateway());
      current.service().stop();
      wiring.failures().flush(); // before the node closes the database
    }
  }

  @Override
  public boolean applyLive(String key) {
    return live.test(key);
  }

  @Override
  public List<BoundListener> listeners() {
    Running current = running;
    return current == null ? List.of() : current.listeners();
  }

  @Override
  public boolean active() {
    return running != null;
  }

  @Override
  public List<S2sConnection> connections() {
    Running current = running;
    return current == null ? List.of() : current.service().connections();
  }

  @Override
  public List<S2sFailure> failures(String domain) {
    return wiring.failures().failures(domain);
  }

  @Override
  public CompletionStage<List<TestStep>> test(String domain) {
    Running current = running;
    if (current == null) {
      return CompletableFuture.completedFuture(
          List.of(
              new TestStep(
                  TestStep.Step.RESULT,
                  TestStep.Outcome.FAILED,
                  "the XMPP Federation Connection Manager is not running with XMPP federation on")));
    }
    return current.service().test(domain);
  }

  @Override
  public TrafficCounters.Traffic traffic() {
    return traffic;
  }

  /** Counts refused streams by reason code. */
  private Admission counted(Admission admission) {
    return request -> {
      Admission.Decision decision = admission.decide(request);
      if (!decision.allowed()) {
        traffic.refusals().increment(decision.reasonCode());
      }
      return decision;
    };
  }

  /** Counts the stanzas that reach the node from each remote domain. */
  private InboundStanzas counted(InboundStanzas next) {
    return stanza -> {
      traffic.in().increment(domainOf(stanza, "from"));
      next.deliver(stanza);
    };
  }

  /** Counts the stanzas the node sends to each remote domain. */
  private RemoteGateway counted(RemoteGateway gateway) {
    return (stanza, failed) -> {
      traffic.out().increment(domainOf(stanza, "to"));
      gateway.send(stanza, failed);
    };
  }

  static String domainOf(XmlElement stanza, String attribute) {
    return stanza.attribute(attribute).flatMap(Jid::parse).map(Jid::domain).orElse("");
  }

  /** The settings frozen for this run (read once: a change needs a restart). */
  static Supplier<S2sSettings> settingsOf(XmppSettings.Active active) {
    XmppSettings s = active.settings();
    S2sSettings settings =
        new S2sSettings(
            true,
            s.securityMode(),
            s.requireClientCertificate(),
            s.saslExternalInbound(),
            s.saslExternalOutbound(),
            !active.dialbackSecret().isEmpty(),
            active.dialbackSecret(),
            Duration.ofMinutes(10),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            StreamLimits.DEFAULTS);
    return () -> settings;
  }

  /** Every primary and additional domain to its partner's settings. */
  static Map<String, PartnerSettings> partners(List<XmppPartner> partners) {
    Map<String, PartnerSettings> byDomain = new HashMap<>();
    for (XmppPartner partner : partners) {
      PartnerSettings settings = XmppPartnerAdmin.settings(partner);
      settings.domains().forEach(d -> byDomain.put(d, settings));
    }
    return Map.copyOf(byDomain);
  }

  private static Optional<InetSocketAddress> resolver(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    return XmppSettings.resolverAddress(text)
        .map(a -> new InetSocketAddress(a.getHostString(), a.getPort()));
  }
}
