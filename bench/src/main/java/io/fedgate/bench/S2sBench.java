package io.fedgate.bench;

import io.fedgate.certstore.pki.CertificateDecoder;
import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.pki.IdentityDecoder;
import io.fedgate.certstore.pki.UploadLimit;
import io.fedgate.certstore.trust.TrustedCertificates;
import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.C2sConfig;
import io.fedgate.xmpp.c2s.ClientSession;
import io.fedgate.xmpp.c2s.LocalSessions;
import io.fedgate.xmpp.c2s.StanzaRouter;
import io.fedgate.xmpp.dns.DnsLookupException;
import io.fedgate.xmpp.dns.S2sResolver;
import io.fedgate.xmpp.dns.SrvTarget;
import io.fedgate.xmpp.netty.C2sListener;
import io.fedgate.xmpp.netty.C2sServices;
import io.fedgate.xmpp.netty.S2sService;
import io.fedgate.xmpp.netty.S2sServices;
import io.fedgate.xmpp.netty.XmppTlsProvider;
import io.fedgate.xmpp.s2s.Admission;
import io.fedgate.xmpp.s2s.S2sSettings;
import io.fedgate.xmpp.sasl.AuthThrottle;
import io.fedgate.xmpp.sasl.InMemoryCredentialStore;
import io.fedgate.xmpp.stream.StreamLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fedgate side of the S2S benchmark (see bench/README.md and bench/s2s/run.sh): in this JVM
 * only, so that its CPU time is the server's alone, the xmpp-federation stack the appliance wires
 * (a XEP-0368 direct-TLS C2S listener and the {@link S2sService} of the XMPP Federation Connection
 * Manager, TLS required, SASL EXTERNAL with the {@code cup-xmpp} identity read from PEM), with a
 * router that hands every message to a remote domain to {@link S2sService#send}, as the XCP
 * Router's remote path does. Not here: the node's presence engine, database and admin pages.
 *
 * <p>TLS (C2S and S2S) by the provider of the system property {@code tls} ({@code auto}, the node's
 * default, {@code jdk} or {@code openssl}; see {@code xmpp.tls-provider}).
 *
 * <p>{@code java ... io.fedgate.bench.S2sBench DOMAIN C2S_ADDRESS S2S_ADDRESS PKI_DIR USERS
 * REMOTE_DOMAIN=HOST:PORT...}; prints {@code READY c2sPort s2sPort} and runs until killed. The
 * client side is {@link S2sBenchClients}.
 */
public final class S2sBench {
  private S2sBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("clients")) {
      S2sBenchClients.run(args);
      return;
    }
    String domain = args[0];
    InetSocketAddress c2sAddress = new InetSocketAddress(args[1], 0);
    InetSocketAddress s2sAddress = new InetSocketAddress(args[2], 0);
    Path pki = Path.of(args[3]);
    int users = Integer.parseInt(args[4]);
    java.util.Map<String, SrvTarget> overrides = new java.util.HashMap<>();
    for (int i = 5; i < args.length; i++) {
      String[] remote = args[i].split("[=:]");
      overrides.put(remote[0], SrvTarget.plain(remote[1], Integer.parseInt(remote[2])));
    }

    XmppTlsProvider tls = XmppTlsProvider.named(System.getProperty("tls", "auto")).orElseThrow();
    SecureRandom random = new SecureRandom();
    Identity identity =
        new IdentityDecoder(UploadLimit.DEFAULT)
            .decode(
                concat(
                    Files.readAllBytes(pki.resolve(domain + ".crt")),
                    Files.readAllBytes(pki.resolve(domain + ".key"))),
                null);
    TrustedCertificates trust =
        new TrustedCertificates(
            "cup-xmpp-trust",
            new CertificateDecoder(UploadLimit.DEFAULT)
                .decode(Files.readAllBytes(pki.resolve("ca.pem"))));
    S2sSettings settings =
        S2sSettings.defaults("bench-unused-secret")
            .withAuthentication(false, true, true, false)
            .withTimeouts(Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofSeconds(30));
    AtomicLong bounced = new AtomicLong();
    S2sService s2s =
        new S2sService(
            new S2sServices(
                () -> settings,
                d -> Optional.empty(),
                () -> Set.of(domain),
                () -> identity,
                () -> trust,
                Admission.allowAll(),
                stanza -> {}, // the benchmark sends one way only
                new OverrideResolver(overrides),
                Clock.systemUTC(),
                random));
    InMemoryCredentialStore credentials = new InMemoryCredentialStore(random, 16);
    for (int i = 0; i < users; i++) {
      credentials.put("u" + i, ("p" + i).toCharArray());
    }
    LocalSessions sessions = new LocalSessions();
    C2sServices c2sServices =
        new C2sServices(
            new C2sConfig(domain, true, true, StreamLimits.DEFAULTS),
            credentials,
            new RemoteRouter(domain, sessions, s2s, bounced),
            sessions,
            new AuthThrottle(Clock.systemUTC(), 1_000, Duration.ofMinutes(1), 100_000),
            C2sServices.serverEngines(identity, tls),
            random);
    s2s.tlsProvider(tls);
    InetSocketAddress s2sBound = s2s.start(List.of(s2sAddress), List.of()).get(0);
    // two event loops per C2S listener, as XmppConnectionManager opens them in the node
    try (C2sListener c2s = new C2sListener(c2sServices, true, 2)) {
      InetSocketAddress c2sBound = c2s.start(c2sAddress);
      System.out.println("READY " + c2sBound.getPort() + " " + s2sBound.getPort());
      System.out.flush();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    System.out.println("bounced " + bounced.get());
                    s2s.connections().forEach(c -> System.out.println("connection " + c));
                  }));
      new CountDownLatch(1).await();
    } finally {
      s2s.close();
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length + 1];
    System.arraycopy(a, 0, all, 0, a.length);
    all[a.length] = '\n';
    System.arraycopy(b, 0, all, a.length + 1, b.length);
    return all;
  }

  /** Local full JIDs directly, every other domain through S2S (the XCP Router's two paths). */
  private static final class RemoteRouter implements StanzaRouter {
    private final String domain;
    private final LocalSessions sessions;
    private final S2sService s2s;
    private final AtomicLong bounced;

    RemoteRouter(String domain, LocalSessions sessions, S2sService s2s, AtomicLong bounced) {
      this.domain = domain;
      this.sessions = sessions;
      this.s2s = s2s;
      this.bounced = bounced;
    }

    @Override
    public void route(XmlElement stanza, ClientSession sender) {
      if (!stanza.name().equals("message")) {
        return;
      }
      Optional<Jid> to = stanza.attribute("to").flatMap(Jid::parse);
      if (to.isEmpty()) {
        return;
      }
      if (to.get().domain().equals(domain)) {
        sessions.find(to.get()).ifPresent(s -> s.deliver(stanza));
      } else {
        s2s.send(stanza, condition -> bounced.incrementAndGet());
      }
    }
  }

  /** The per-domain DNS overrides of the node, and nothing else (no DNS server is asked). */
  private static final class OverrideResolver implements S2sResolver {
    private final java.util.Map<String, SrvTarget> overrides;

    OverrideResolver(java.util.Map<String, SrvTarget> overrides) {
      this.overrides = overrides;
    }

    @Override
    public CompletionStage<List<SrvTarget>> targets(String name) {
      SrvTarget target = overrides.get(name);
      return target == null
          ? CompletableFuture.failedFuture(new DnsLookupException("NXDOMAIN " + name, true))
          : CompletableFuture.completedFuture(List.of(target));
    }

    @Override
    public CompletionStage<List<InetAddress>> addresses(String host) {
      try {
        return CompletableFuture.completedFuture(List.of(InetAddress.getByName(host)));
      } catch (UnknownHostException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
  }
}
