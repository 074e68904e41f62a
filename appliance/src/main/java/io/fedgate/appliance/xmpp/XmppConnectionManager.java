package io.fedgate.appliance.xmpp;

import io.fedgate.appliance.boot.BootConfig;
import io.fedgate.appliance.boot.ListenerConfig;
import io.fedgate.appliance.boot.ListenerId;
import io.fedgate.appliance.service.BoundListener;
import io.fedgate.appliance.service.ServiceComponent;
import io.fedgate.appliance.users.UserDirectory;
import io.fedgate.certstore.pki.Identity;
import io.fedgate.xmpp.c2s.C2sConfig;
import io.fedgate.xmpp.c2s.LocalSessions;
import io.fedgate.xmpp.c2s.StanzaRouter;
import io.fedgate.xmpp.netty.C2sListener;
import io.fedgate.xmpp.netty.C2sServices;
import io.fedgate.xmpp.netty.XmppTlsProvider;
import io.fedgate.xmpp.sasl.AuthThrottle;
import io.fedgate.xmpp.stream.StreamLimits;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The "XMPP Connection Manager" service: the C2S listeners ({@code listener.xmpp-c2s.*} with
 * STARTTLS, {@code listener.xmpp-c2s-direct-tls.*} with XEP-0368 direct TLS) for the default local
 * domain, presenting the {@code cup-xmpp} identity (read at each start, so a new certificate takes
 * a restart of this service) with the TLS of the boot key {@code xmpp.tls-provider}. Users are read
 * from the in-memory {@link UserDirectory}.
 */
public final class XmppConnectionManager implements ServiceComponent {

  /** What the listeners need, from the composition root. */
  public record Wiring(
      UserDirectory users,
      LocalSessions sessions,
      Supplier<StanzaRouter> router,
      Supplier<Identity> cupXmpp,
      BooleanSupplier allowPlain,
      IntSupplier resumptionTimeoutSeconds,
      IntSupplier maxUnacked,
      Clock clock,
      SecureRandom random) {}

  private final BootConfig config;
  private final Wiring wiring;
  private final Predicate<String> live;
  private final List<Open> open = new CopyOnWriteArrayList<>();

  private record Open(C2sListener listener, BoundListener bound) {}

  public XmppConnectionManager(BootConfig config, Wiring wiring, Predicate<String> live) {
    this.config = config;
    this.wiring = wiring;
    this.live = live;
  }

  @Override
  public void start() throws Exception {
    String domain = config.localDomains().get(0);
    C2sServices services =
        new C2sServices(
            new C2sConfig(
                domain,
                true,
                wiring.allowPlain().getAsBoolean(),
                StreamLimits.DEFAULTS,
                Duration.ofSeconds(wiring.resumptionTimeoutSeconds().getAsInt()),
                wiring.maxUnacked().getAsInt()),
            wiring.users().credentials(domain),
            wiring.router().get(),
            wiring.sessions(),
            AuthThrottle.defaults(wiring.clock()),
            C2sServices.serverEngines(
                wiring.cupXmpp().get(),
                XmppTlsProvider.named(config.xmppTlsProvider()).orElseThrow()),
            wiring.random());
    try {
      open(services, ListenerId.XMPP_C2S, false);
      open(services, ListenerId.XMPP_C2S_DIRECT_TLS, true);
    } catch (Exception e) {
      stop();
      throw e;
    }
  }

  private void open(C2sServices services, ListenerId id, boolean directTls) throws Exception {
    ListenerConfig listener = config.listener(id);
    if (!listener.enabled()) {
      return;
    }
    C2sListener c2s = new C2sListener(services, directTls, 2);
    try {
      InetSocketAddress bound =
          c2s.start(new InetSocketAddress(listener.address(), listener.port()));
      open.add(
          new Open(
              c2s,
              new BoundListener(id.id(), listener.address(), listener.port(), bound.getPort())));
    } catch (Exception e) { // Netty throws BindException undeclared
      c2s.close();
      throw e;
    }
  }

  @Override
  public void stop() {
    List<Open> closing = new ArrayList<>(open);
    open.clear();
    closing.forEach(o -> o.listener().close());
  }

  @Override
  public boolean applyLive(String key) {
    return live.test(key);
  }

  @Override
  public List<BoundListener> listeners() {
    return open.stream().map(Open::bound).toList();
  }
}
