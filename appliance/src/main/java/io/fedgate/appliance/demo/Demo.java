package io.fedgate.appliance.demo;

import io.fedgate.appliance.admin.NodeStatus.ListenerView;
import io.fedgate.appliance.boot.BootConfig;
import io.fedgate.appliance.boot.BootConfigLoader;
import io.fedgate.appliance.cli.FedgateCli;
import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.appliance.federation.XmppSettings;
import io.fedgate.appliance.node.Node;
import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.store.JdbcXmppSettings.DnsOverride;
import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.pki.PemEncoder;
import io.fedgate.certstore.pki.SelfSignedIdentityFactory;
import io.fedgate.certstore.tls.CipherProfile;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.certstore.trust.TrustedCertificates;
import io.fedgate.sip.interop.LyncPeer;
import io.fedgate.sip.jain.SipTls;
import io.fedgate.xmpp.s2s.SecurityMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * {@code fedgate demo}: two appliances in this process on loopback, {@code a.demo.test} and {@code
 * b.demo.test}, XMPP-federated with each other (TLS, SASL EXTERNAL with each other's {@code
 * cup-xmpp} certificate, a DNS override instead of SRV records), a user on each, Smack clients that
 * subscribe to each other's presence and exchange messages across the federation link; then the
 * admin sites stay up with their addresses and passwords printed.
 */
public final class Demo implements AutoCloseable {
  static final String DOMAIN_A = "a.demo.test";
  static final String DOMAIN_B = "b.demo.test";
  static final String DOMAIN_LYNC = "lync.demo.test";
  private static final String MARKER = "fedgate-demo.marker";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final Path root;
  private final PrintWriter out;
  private final List<AutoCloseable> resources = new ArrayList<>();

  public Demo(Path root, PrintWriter out) {
    this.root = root;
    this.out = out;
  }

  /** One appliance of the demo, with the admin password its first start printed. */
  record Appliance(String domain, Node node, String adminPassword) {
    int bound(String listener) {
      return node.status().listeners().stream()
          .filter(l -> l.id().equals(listener))
          .mapToInt(ListenerView::boundPort)
          .findFirst()
          .orElse(0);
    }
  }

  /**
   * Starts both appliances and runs the exchange.
   *
   * @return true when every step worked
   */
  public boolean run() throws Exception {
    prepare();
    Appliance a = start(DOMAIN_A);
    Appliance b = start(DOMAIN_B);
    step("started %s (admin %s) and %s (admin %s)", a.domain, url(a), b.domain, url(b));
    enable(a);
    enable(b);
    federate(a, b);
    federate(b, a);
    String alicePassword = user(a, "alice");
    String bobPassword = user(b, "bob");
    XMPPTCPConnection alice = login(a, "alice", alicePassword);
    XMPPTCPConnection bob = login(b, "bob", bobPassword);
    boolean ok = exchange(alice, bob);
    ok &= lync(a, alice);
    traffic(a);
    out.println();
    out.println(ok ? "demo: every step worked." : "demo: some steps failed (see above).");
    out.println();
    for (Appliance appliance : List.of(a, b)) {
      out.printf(
          "  %-12s admin %s  user admin  password %s%n",
          appliance.domain, url(appliance), appliance.adminPassword);
    }
    out.printf(
        "  users: alice@%s password %s, bob@%s password %s; simulated Lync user carol@%s%n",
        DOMAIN_A, alicePassword, DOMAIN_B, bobPassword, DOMAIN_LYNC);
    out.println("  (the admin certificates are self-signed: the browser will ask to accept them)");
    out.flush();
    return ok;
  }

  /** A fresh demo directory: a previous demo's directory is wiped, anything else refused. */
  private void prepare() throws IOException {
    if (Files.exists(root)) {
      if (!Files.exists(root.resolve(MARKER))) {
        throw new IOException(root + " exists and is not a fedgate demo directory");
      }
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(root);
    Files.writeString(root.resolve(MARKER), "created by fedgate demo; deleted by the next one\n");
  }

  private Appliance start(String domain) throws IOException {
    Path dataDir = root.resolve(domain);
    Path boot = root.resolve(domain + ".properties");
    StringBuilder properties = new StringBuilder();
    properties.append("node.fqdn = ").append(domain).append('\n');
    properties.append("node.domains = ").append(domain).append('\n');
    for (String listener :
        List.of(
            "admin",
            "xmpp-c2s",
            "xmpp-c2s-direct-tls",
            "xmpp-s2s-direct-tls",
            "sip-peer-auth",
            "sip-server-auth")) {
      properties.append("listener.").append(listener).append(".address = 127.0.0.1\n");
      properties.append("listener.").append(listener).append(".port = 0\n");
    }
    // The partner's DNS override names this port: it must survive service restarts.
    properties.append("listener.xmpp-s2s.address = 127.0.0.1\n");
    properties.append("listener.xmpp-s2s.port = ").append(freePort()).append('\n');
    Files.writeString(boot, properties);
    BootConfig config =
        new BootConfigLoader()
            .load(Optional.of(boot), Optional.of(dataDir))
            .config()
            .orElseThrow(() -> new IOException("the demo boot file is invalid: " + boot));
    StringWriter console = new StringWriter();
    Node node = Node.start(config, Clock.systemUTC(), new PrintWriter(console, true));
    resources.add(node);
    String password =
        console
            .toString()
            .lines()
            .map(String::trim)
            .filter(l -> l.startsWith("password:"))
            .map(l -> l.substring("password:".length()).trim())
            .findFirst()
            .orElse("(printed at its first start)");
    return new Appliance(domain, node, password);
  }

  /**
   * {@code from} federates with {@code to}: XMPP federation on, TLS required with SASL EXTERNAL,
   * {@code to}'s cup-xmpp certificate trusted, {@code to}'s domain resolved by a DNS override.
   */
  private void federate(Appliance from, Appliance to) throws Exception {
    String actor = "demo";
    int port = to.bound("xmpp-s2s");
    check(
        from.node
            .federation()
            .xmppSettings()
            .addOverride(actor, new DnsOverride(to.domain, "127.0.0.1", port, "demo")),
        from.domain + ": " + to.domain + " resolves to 127.0.0.1:" + port + " (DNS override)");
    String pem = to.node.certificates().export(StoreName.CUP_XMPP, "cup-xmpp").value();
    var imported =
        from.node
            .certificates()
            .importTrust(
                actor,
                StoreName.CUP_XMPP_TRUST,
                to.domain,
                pem.getBytes(StandardCharsets.US_ASCII));
    if (!imported.isAccepted()) {
      throw new IllegalStateException("trusting " + to.domain + ": " + imported.rejection());
    }
    step("%s: trusts %s's cup-xmpp certificate (cup-xmpp-trust)", from.domain, to.domain);
    from.node.services().restart(ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER);
    step("%s: XMPP Federation Connection Manager restarted", from.domain);
  }

  /** XMPP federation on: TLS required, SASL EXTERNAL both ways; the S2S listener opens. */
  private void enable(Appliance appliance) throws Exception {
    String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    check(
        appliance
            .node
            .federation()
            .xmppSettings()
            .update(
                "demo",
                new XmppSettings.Edit(
                    true, SecurityMode.TLS_REQUIRED, true, true, true, secret, null)),
        appliance.domain + ": XMPP federation on, TLS required, SASL EXTERNAL both ways");
    appliance.node.services().restart(ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER);
    step(
        "%s: XMPP Federation Connection Manager listening on 127.0.0.1:%d",
        appliance.domain, appliance.bound("xmpp-s2s"));
  }

  /**
   * A simulated Lync Edge of {@code lync.demo.test} (mutual TLS, Microsoft's flows) federated with
   * the first appliance the way an operator does it, through the CLI: trust the Edge, declare the
   * SIP federated domain, a static route, the incoming ACL, a SIP Proxy restart. Then IM both ways
   * between carol (Lync) and alice.
   */
  private boolean lync(Appliance a, XMPPTCPConnection alice) throws Exception {
    Identity edge =
        new SelfSignedIdentityFactory(Clock.systemUTC(), new SecureRandom())
            .create(
                "sip." + DOMAIN_LYNC,
                List.of("sip." + DOMAIN_LYNC, DOMAIN_LYNC),
                Duration.ofDays(30));
    String cupPem = a.node.certificates().export(StoreName.CUP, "cup").value();
    X509Certificate cup = certificate(cupPem);
    LyncPeer peer =
        LyncPeer.start(
            new LyncPeer.Settings(
                DOMAIN_LYNC,
                "carol",
                new InetSocketAddress("127.0.0.1", 0),
                new SipTls(
                    edge,
                    new TrustedCertificates("demo-lync-trust", List.of(cup)),
                    List.of(),
                    List.of("TLSv1.2"),
                    CipherProfile.LYNC_COMPATIBLE.suites(),
                    new PeerTrust(Clock.systemUTC()),
                    decision -> {}),
                Duration.ofSeconds(10)));
    resources.add(peer);
    step("simulated Lync Edge of %s listening on %s (user carol)", DOMAIN_LYNC, peer.address());
    Path edgePem = root.resolve("lync-edge.pem");
    Files.writeString(edgePem, PemEncoder.certificates(edge.chain()));
    boolean ok =
        operator(
            a, "certs", "import-trust", "cup-trust", edgePem.toString(), "--alias", "lync-edge");
    ok &= operator(a, "sip-domains", "add", DOMAIN_LYNC);
    ok &=
        operator(
            a,
            "routes",
            "add",
            "--domain",
            DOMAIN_LYNC,
            "--next-hop",
            "127.0.0.1",
            "--port",
            String.valueOf(peer.address().getPort()),
            "--protocol",
            "tls");
    ok &= operator(a, "acl", "add", "ip", "127.0.0.1");
    ok &=
        operator(a, "acl", "add", "domain", DOMAIN_B); // the XMPP partner, now that the ACL filters
    ok &= operator(a, "utils", "service", "restart", "SIP Proxy");
    InetSocketAddress gateway = new InetSocketAddress("127.0.0.1", a.bound("sip-peer-auth"));
    String gatewayName = a.domain;

    BlockingQueue<String> toAlice = messages(alice);
    var response =
        peer.message("sip:alice@" + DOMAIN_A, "Hi Alice, from Lync", gateway, gatewayName);
    step(
        "carol (Lync) sends a page-mode MESSAGE to alice: %d %s",
        response.getStatusCode(), response.getReasonPhrase());
    ok &= received(toAlice, "Hi Alice, from Lync", "alice received carol's Lync message");
    Optional<LyncPeer.Session> session =
        peer.invite("sip:alice@" + DOMAIN_A, "And an IM session, Lync style", gateway, gatewayName);
    step(
        "carol opens a Lync IM session (INVITE with the first message): %s",
        session.isPresent() ? "200 OK" : "refused");
    ok &= session.isPresent();
    ok &=
        received(
            toAlice, "And an IM session, Lync style", "alice received the session's first message");
    EntityBareJid carol = JidCreate.entityBareFrom("carol@" + DOMAIN_LYNC);
    ChatManager.getInstanceFor(alice).chatWith(carol).send("Hello Carol, from XMPP");
    boolean delivered = false;
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!delivered && System.nanoTime() < deadline) {
      var request = peer.next("MESSAGE", Duration.ofNanos(deadline - System.nanoTime()));
      if (request.isEmpty()) {
        break;
      }
      byte[] raw = request.get().request().getRawContent();
      delivered =
          raw != null && new String(raw, StandardCharsets.UTF_8).contains("Hello Carol, from XMPP");
    }
    step("%s %s", delivered ? "ok  " : "FAIL", "carol (Lync) received alice's message over SIP");
    ok &= delivered;
    ok &= lyncPresence(peer, alice, gateway, gatewayName);
    session.ifPresent(
        s -> {
          try {
            peer.bye(s, gateway, gatewayName);
          } catch (Exception e) {
            step("BYE failed: %s", e.getMessage());
          }
        });
    return ok;
  }

  /**
   * Presence both ways with Lync: carol subscribes to alice (SUBSCRIBE, alice's client approves,
   * NOTIFY with PIDF), and carol's presence arrives at alice from a NOTIFY.
   */
  private boolean lyncPresence(
      LyncPeer peer, XMPPTCPConnection alice, InetSocketAddress gateway, String gatewayName)
      throws Exception {
    String aliceUri = "sip:alice@" + DOMAIN_A;
    var subscribed = peer.subscribe(aliceUri, 3600, gateway, gatewayName);
    step(
        "carol (Lync) subscribes to alice's presence: %d %s",
        subscribed.getStatusCode(), subscribed.getReasonPhrase());
    boolean open = false;
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!open && System.nanoTime() < deadline) {
      var notify = peer.next("NOTIFY", Duration.ofNanos(deadline - System.nanoTime()));
      if (notify.isEmpty()) {
        break;
      }
      byte[] raw = notify.get().request().getRawContent();
      open = raw != null && new String(raw, StandardCharsets.UTF_8).contains(">open<");
    }
    step("%s %s", open ? "ok  " : "FAIL", "carol sees alice available (NOTIFY with PIDF)");
    var notified =
        peer.notifyPresence(aliceUri, "open", "Lync says hello", false, gateway, gatewayName);
    step(
        "carol (Lync) sends her presence in a NOTIFY: %s",
        notified.map(r -> r.getStatusCode() + " " + r.getReasonPhrase()).orElse("no answer"));
    EntityBareJid carol = JidCreate.entityBareFrom("carol@" + DOMAIN_LYNC);
    boolean seen =
        awaitTrue(
            () -> Roster.getInstanceFor(alice).getPresence(carol).isAvailable(),
            "alice sees carol available");
    return open && seen;
  }

  /** One operator command against the appliance's admin API, printed with its first line. */
  private boolean operator(Appliance appliance, String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--data-dir";
    all[args.length + 1] = appliance.node.config().dataDir().toString();
    StringWriter commandOut = new StringWriter();
    StringWriter commandErr = new StringWriter();
    int code =
        FedgateCli.execute(
            all, new PrintWriter(commandOut, true), new PrintWriter(commandErr, true));
    String first = (code == 0 ? commandOut : commandErr).toString().lines().findFirst().orElse("");
    step("%s: fedgate %s -> %s", appliance.domain, String.join(" ", args), first);
    return code == 0;
  }

  private static X509Certificate certificate(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket probe =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  private String user(Appliance appliance, String name) {
    String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    check(
        appliance.node.users().add("demo", name, appliance.domain, password.toCharArray()),
        "user " + name + "@" + appliance.domain + " created");
    return password;
  }

  private XMPPTCPConnection login(Appliance appliance, String user, String password)
      throws Exception {
    String pem = appliance.node.certificates().export(StoreName.CUP_XMPP, "cup-xmpp").value();
    X509Certificate pinned =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    XMPPTCPConnection connection =
        new XMPPTCPConnection(
            XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(appliance.domain)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(appliance.bound("xmpp-c2s"))
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                .setCustomX509TrustManager(new Pinned(pinned))
                .setUsernameAndPassword(user, password)
                .setResource("demo")
                .build());
    connection.setReplyTimeout(WAIT.toMillis());
    Roster roster = Roster.getInstanceFor(connection);
    roster.setSubscriptionMode(Roster.SubscriptionMode.manual);
    roster.addSubscribeListener((from, request) -> SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
    resources.add(connection::disconnect);
    connection.connect().login();
    step("%s@%s logged in over STARTTLS (SCRAM)", user, appliance.domain);
    return connection;
  }

  /** Presence subscription both ways, then a message each way; true when all arrived. */
  private boolean exchange(XMPPTCPConnection alice, XMPPTCPConnection bob) throws Exception {
    EntityBareJid aliceJid = JidCreate.entityBareFrom("alice@" + DOMAIN_A);
    EntityBareJid bobJid = JidCreate.entityBareFrom("bob@" + DOMAIN_B);
    BlockingQueue<String> toBob = messages(bob);
    BlockingQueue<String> toAlice = messages(alice);
    Roster aliceRoster = Roster.getInstanceFor(alice);
    Roster bobRoster = Roster.getInstanceFor(bob);
    aliceRoster.createItemAndRequestSubscription(bobJid, "Bob", null);
    step("alice asks to see bob's presence (RFC 6121 subscription across S2S)");
    boolean ok =
        awaitTrue(
            () ->
                aliceRoster.getEntry(bobJid) != null
                    && aliceRoster.getEntry(bobJid).canSeeHisPresence()
                    && bobRoster.getEntry(aliceJid) != null
                    && bobRoster.getEntry(aliceJid).canSeeHisPresence(),
            "subscriptions approved both ways (bob approved and asked back)");
    ok &=
        awaitTrue(() -> aliceRoster.getPresence(bobJid).isAvailable(), "alice sees bob available");
    ok &=
        awaitTrue(() -> bobRoster.getPresence(aliceJid).isAvailable(), "bob sees alice available");
    ChatManager.getInstanceFor(alice).chatWith(bobJid).send("Hello Bob, from a.demo.test");
    ok &= received(toBob, "Hello Bob, from a.demo.test", "bob received alice's message");
    ChatManager.getInstanceFor(bob).chatWith(aliceJid).send("Hi Alice, from b.demo.test");
    ok &= received(toAlice, "Hi Alice, from b.demo.test", "alice received bob's reply");
    bob.sendStanza(
        bob.getStanzaFactory().buildPresenceStanza().setMode(Presence.Mode.away).build());
    ok &=
        awaitTrue(
            () -> aliceRoster.getPresence(bobJid).getMode() == Presence.Mode.away,
            "alice sees bob away");
    return ok;
  }

  private static BlockingQueue<String> messages(XMPPTCPConnection connection) {
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    connection.addAsyncStanzaListener(
        stanza -> {
          String body = ((Message) stanza).getBody();
          if (body != null) {
            queue.add(body); // chat from XMPP, normal from SIP page mode: both count
          }
        },
        StanzaTypeFilter.MESSAGE);
    return queue;
  }

  private boolean received(BlockingQueue<String> queue, String body, String what)
      throws InterruptedException {
    String got = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    boolean ok = body.equals(got);
    step("%s %s", ok ? "ok  " : "FAIL", what + (ok ? "" : " (got " + got + ")"));
    return ok;
  }

  /** Polls a condition that Smack updates from its own threads; no fixed sleep decides. */
  private boolean awaitTrue(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    boolean ok = condition.getAsBoolean();
    step("%s %s", ok ? "ok  " : "FAIL", what);
    return ok;
  }

  /** What the appliance counted per peer domain (the Dashboard's "messages per peer domain"). */
  private void traffic(Appliance appliance) {
    List<String> parts = new java.util.ArrayList<>();
    for (io.fedgate.appliance.service.TrafficCounters.Traffic t :
        appliance.node.traffic().federation()) {
      List<String> peers = new java.util.ArrayList<>();
      t.in().byKey().forEach((peer, count) -> peers.add("from " + peer + " " + count));
      t.out().byKey().forEach((peer, count) -> peers.add("to " + peer + " " + count));
      parts.add(t.protocol() + " " + (peers.isEmpty() ? "none" : String.join(", ", peers)));
    }
    step("stanzas counted by %s: %s", appliance.domain, String.join("; ", parts));
  }

  private void check(ConfigResult<?> result, String what) {
    if (result instanceof ConfigResult.Refused<?> refused) {
      throw new IllegalStateException(what + ": refused: " + refused.problems());
    }
    step("%s", what);
  }

  private void step(String format, Object... args) {
    out.printf("demo: " + format + "%n", args);
    out.flush();
  }

  private static String url(Appliance appliance) {
    return appliance.node.adminUrl().toString();
  }

  /** Stops the clients and both appliances. */
  @Override
  public void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        out.println("demo: while stopping: " + e.getMessage());
      }
    }
    resources.clear();
  }

  /** Trusts exactly the appliance's self-signed cup-xmpp certificate. */
  private record Pinned(X509Certificate pinned) implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws java.security.cert.CertificateException {
      if (chain.length == 0 || !chain[0].equals(pinned)) {
        throw new java.security.cert.CertificateException("not the appliance's certificate");
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[] {pinned};
    }
  }
}
