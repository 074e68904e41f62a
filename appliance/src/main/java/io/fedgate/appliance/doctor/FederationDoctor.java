package io.fedgate.appliance.doctor;

import io.fedgate.acl.incoming.AclDecision;
import io.fedgate.acl.incoming.Peer;
import io.fedgate.acl.net.IpAddress;
import io.fedgate.acl.policy.PolicyDecision;
import io.fedgate.acl.policy.TrafficDirection;
import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.appliance.doctor.DnsLookup.SrvTarget;
import io.fedgate.appliance.doctor.DoctorStep.FixSide;
import io.fedgate.appliance.federation.FederationAdmin;
import io.fedgate.appliance.federation.PolicyAdmin.Protocol;
import io.fedgate.appliance.node.TlsContexts;
import io.fedgate.appliance.store.JdbcSipDomains.SipDomain;
import io.fedgate.certstore.Outcome;
import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.pki.PresentedIdentifiers;
import io.fedgate.certstore.trust.Decision;
import io.fedgate.certstore.trust.PeerExpectation;
import io.fedgate.certstore.trust.PeerRole;
import io.fedgate.certstore.trust.PeerSubjects;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.certstore.trust.ReferenceIdentity;
import io.fedgate.certstore.trust.RefusalReason;
import io.fedgate.certstore.trust.TrustedCertificates;
import io.fedgate.core.net.HostSyntax;
import io.fedgate.routes.select.Candidate;
import io.fedgate.routes.select.RouteExplanation;
import io.fedgate.routes.select.RouteSelection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Runs every check for one partner domain, SIP first, then XMPP. A failed step makes the steps that
 * need it SKIP with the reason, so the first FAIL is the one to fix. Blocking: call it from a
 * worker thread (the admin endpoint's request thread, the CLI), never from an event loop.
 */
public final class FederationDoctor {
  static final String SIP = "SIP";
  static final String XMPP = "XMPP";
  static final String ANY = "ANY";

  /** Where the doctor reads the configuration it checks against. */
  public record Sources(
      FederationAdmin federation,
      Supplier<List<String>> peerSubjects,
      Function<StoreName, Outcome<Identity>> identities,
      Function<StoreName, TrustedCertificates> trust,
      Supplier<DnsLookup> dns,
      Supplier<Optional<XmppProbe>> xmpp,
      Function<String, Optional<SrvTarget>> xmppOverride,
      String localFqdn) {}

  private final Sources sources;
  private final Clock clock;
  private final Duration timeout;

  /**
   * @param timeout for each network step (connect, handshake, read)
   */
  public FederationDoctor(Sources sources, Clock clock, Duration timeout) {
    this.sources = sources;
    this.clock = clock;
    this.timeout = timeout;
  }

  public DoctorReport run(String requested) {
    Instant started = clock.instant();
    String domain = requested == null ? "" : requested.trim().toLowerCase(Locale.ROOT);
    List<DoctorStep> steps = new ArrayList<>();
    if (!HostSyntax.isDnsName(domain)) {
      steps.add(
          DoctorStep.fail(
              ANY,
              "domain",
              "domain-invalid",
              "'" + requested + "' is not a DNS domain name",
              FixSide.LOCAL,
              "give the partner's domain, e.g. partner.example.com"));
    } else {
      sip(domain, steps);
      xmpp(domain, steps);
    }
    return new DoctorReport(
        domain, started, Duration.between(started, clock.instant()).toMillis(), steps);
  }

  // ---------------------------------------------------------------- SIP

  private void sip(String domain, List<DoctorStep> steps) {
    Optional<SipDomain> declared =
        sources.federation().sipDomains().list().stream()
            .filter(d -> d.domainName().equalsIgnoreCase(domain))
            .findFirst();
    if (declared.isPresent()) {
      steps.add(
          DoctorStep.pass(
              SIP,
              "sip-federated-domain",
              "declared as " + declared.get().integrationType() + " federation"));
    } else {
      steps.add(
          DoctorStep.warn(
              SIP,
              "sip-federated-domain",
              "not-declared",
              domain + " is not a SIP federated domain: its traffic goes to XMPP federation",
              FixSide.LOCAL,
              "add it under SIP Federated Domains if the partner is Lync, Skype for Business or"
                  + " Office 365"));
    }
    policy(SIP, Protocol.SIP, domain, steps);
    List<SrvTarget> targets = sipTargets(domain, steps);
    if (targets.isEmpty()) {
      steps.add(DoctorStep.skip(SIP, "tcp", "no next hop to try"));
      return;
    }
    Optional<Connected> connected = reach(SIP, targets, steps);
    if (connected.isEmpty()) {
      return;
    }
    try (Connected c = connected.get()) {
      Optional<Handshaken> tls = handshake(SIP, c, StoreName.CUP, steps);
      if (tls.isEmpty()) {
        return;
      }
      boolean trusted = chain(SIP, tls.get(), StoreName.CUP_TRUST, sipExpectation(c, steps), steps);
      inboundAcceptance(tls.get(), steps);
      acl(c, tls.get(), steps);
      if (trusted) {
        options(domain, c, tls.get(), steps);
      } else {
        steps.add(DoctorStep.skip(SIP, "sip-options", "the peer's certificate is not trusted"));
      }
    }
  }

  /** The next hops route selection would use: static routes first, then the domain's SRV. */
  private List<SrvTarget> sipTargets(String domain, List<DoctorStep> steps) {
    ConfigResult<RouteExplanation> explained = sources.federation().routes().explain(domain);
    if (!(explained instanceof ConfigResult.Done<RouteExplanation> done)) {
      steps.add(
          DoctorStep.fail(
              SIP, "route", "route-unusable", "cannot explain the route", FixSide.LOCAL, ""));
      return List.of();
    }
    RouteSelection selection = done.value().selection();
    if (selection instanceof RouteSelection.Blocked blocked) {
      steps.add(
          DoctorStep.fail(
              SIP,
              "route",
              "route-blocked",
              "blocked by static route " + blocked.route().destinationPattern(),
              FixSide.LOCAL,
              "remove the block route or add a more specific route to the partner"));
      return List.of();
    }
    if (selection instanceof RouteSelection.NoRoute none) {
      steps.add(
          DoctorStep.fail(
              SIP,
              "route",
              "no-route",
              "no route: " + none.reason(),
              FixSide.LOCAL,
              "add a static route to the partner's Edge or fix the routes in service"));
      return List.of();
    }
    steps.add(DoctorStep.pass(SIP, "route", RouteExplanation.summary(selection)));
    List<SrvTarget> targets = new ArrayList<>();
    for (Candidate candidate : ((RouteSelection.Routed) selection).candidates()) {
      if (candidate instanceof Candidate.Direct direct) {
        targets.add(new SrvTarget(0, 0, direct.hop().port(), direct.hop().host()));
      } else if (candidate instanceof Candidate.RouteSrv srv) {
        targets.addAll(srv(SIP, srv.srvName(), steps, FixSide.LOCAL));
      } else if (candidate instanceof Candidate.DomainSrv srv) {
        targets.addAll(srv(SIP, srv.srvName(), steps, FixSide.PEER));
      }
    }
    return targets;
  }

  /**
   * The name a SIP next hop's certificate must carry: the next hop's FQDN. An IP next hop cannot be
   * checked by name (RFC 6125 has no IP-ID for SIP): warn and check the rest.
   */
  private static PeerExpectation sipExpectation(Connected c, List<DoctorStep> steps) {
    String host = c.target().host();
    if (!HostSyntax.isIpLiteral(host)) {
      return PeerExpectation.outbound(ReferenceIdentity.sip(host));
    }
    steps.add(
        DoctorStep.warn(
            SIP,
            "peer-name",
            "next-hop-is-ip",
            "the next hop " + host + " is an IP address: the certificate's name is not checked",
            FixSide.LOCAL,
            "use the partner Edge's FQDN as the static route's next hop"));
    return new PeerExpectation(PeerRole.SERVER, Optional.empty(), PeerSubjects.unrestricted());
  }

  /**
   * Lync dials its own connection to us (PROTOCOL.md): would this certificate pass our peer-auth
   * listener — trusted chain, clientAuth EKU, TLS peer subjects?
   */
  private void inboundAcceptance(Handshaken tls, List<DoctorStep> steps) {
    List<String> names = sources.peerSubjects().get();
    Decision decision =
        new PeerTrust(clock)
            .decide(
                tls.chain(),
                sources.trust().apply(StoreName.CUP_TRUST),
                PeerExpectation.inbound(PeerSubjects.of(names)));
    if (decision instanceof Decision.Trusted trusted) {
      steps.add(
          DoctorStep.pass(
              SIP,
              "inbound-acceptance",
              names.isEmpty()
                  ? "accepted when it connects to us (no TLS peer subjects configured)"
                  : "accepted when it connects to us: " + trusted.detail()));
      return;
    }
    Decision.Refused refused = (Decision.Refused) decision;
    boolean ours =
        refused.reason() == RefusalReason.NOT_IN_PEER_SUBJECTS
            || refused.reason() == RefusalReason.UNTRUSTED_ROOT
            || refused.reason() == RefusalReason.INCOMPLETE_CHAIN;
    steps.add(
        DoctorStep.fail(
            SIP,
            "inbound-acceptance",
            code(refused.reason()),
            "refused when it connects to us: " + refused.detail(),
            ours ? FixSide.LOCAL : FixSide.PEER,
            refused.reason() == RefusalReason.NOT_IN_PEER_SUBJECTS
                ? "add the peer's certificate subject name under TLS Peer Subjects"
                : ours
                    ? "upload the partner's root (and intermediate) CA into cup-trust"
                    : "the partner's certificate must allow clientAuth and be valid"));
  }

  private void acl(Connected c, Handshaken tls, List<DoctorStep> steps) {
    Optional<IpAddress> address = IpAddress.parse(c.address().getHostAddress());
    if (address.isEmpty()) {
      steps.add(DoctorStep.skip(SIP, "incoming-acl", "unusable peer address"));
      return;
    }
    Set<String> names = new HashSet<>(names(tls.leaf()));
    names.add(c.target().host());
    AclDecision decision =
        sources.federation().acl().acl().evaluate(new Peer(address.get(), names));
    if (decision.allowed()) {
      steps.add(DoctorStep.pass(SIP, "incoming-acl", decision.detail()));
    } else {
      steps.add(
          DoctorStep.fail(
              SIP,
              "incoming-acl",
              decision.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'),
              decision.detail(),
              FixSide.LOCAL,
              "add the peer's address and host name to the Incoming ACL"));
    }
  }

  /** Sends OPTIONS on the TLS connection (RFC 3261 §11) and reads the status line. */
  private void options(String domain, Connected c, Handshaken tls, List<DoctorStep> steps) {
    String branch = "z9hG4bK-doctor-" + Long.toHexString(clock.millis());
    String local = sources.localFqdn();
    String request =
        "OPTIONS sip:"
            + domain
            + " SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS "
            + local
            + ";branch="
            + branch
            + "\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:doctor@"
            + local
            + ">;tag=doctor\r\n"
            + "To: <sip:"
            + domain
            + ">\r\n"
            + "Call-ID: doctor-"
            + branch
            + "@"
            + local
            + "\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Contact: <sip:"
            + local
            + ";transport=tls>\r\n"
            + "Accept: application/sdp\r\n"
            + "Content-Length: 0\r\n\r\n";
    try {
      tls.socket().getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      tls.socket().getOutputStream().flush();
      String status = readLine(tls.socket());
      if (status.startsWith("SIP/2.0 2")) {
        steps.add(DoctorStep.pass(SIP, "sip-options", status));
      } else if (status.startsWith("SIP/2.0 ")) {
        steps.add(
            DoctorStep.warn(
                SIP,
                "sip-options",
                "options-refused",
                "the peer answered " + status,
                FixSide.PEER,
                "the partner's Edge must accept this domain's federation traffic"));
      } else {
        steps.add(
            DoctorStep.fail(
                SIP,
                "sip-options",
                "not-sip",
                "the peer did not answer with SIP: '" + printable(status) + "'",
                FixSide.PEER,
                "the next hop must be the partner's SIP federation (Edge) port"));
      }
    } catch (IOException e) {
      steps.add(
          DoctorStep.fail(
              SIP,
              "sip-options",
              e instanceof SocketTimeoutException ? "options-timeout" : "options-failed",
              "no answer to OPTIONS: " + e.getMessage(),
              FixSide.PEER,
              "the partner's Edge must answer SIP on this port"));
    }
  }

  // ---------------------------------------------------------------- XMPP

  private void xmpp(String domain, List<DoctorStep> steps) {
    policy(XMPP, Protocol.XMPP, domain, steps);
    List<SrvTarget> targets = new ArrayList<>();
    Optional<SrvTarget> override = sources.xmppOverride().apply(domain);
    if (override.isPresent()) {
      steps.add(
          DoctorStep.pass(
              XMPP,
              "dns-override",
              domain
                  + " -> "
                  + override.get().host()
                  + ":"
                  + override.get().port()
                  + " (DNS override in the XMPP federation settings; SRV not used)"));
      targets.add(override.get());
    } else {
      targets.addAll(srv(XMPP, "_xmpps-server._tcp." + domain, steps, FixSide.PEER));
      targets.addAll(srv(XMPP, "_xmpp-server._tcp." + domain, steps, FixSide.PEER));
    }
    if (targets.isEmpty()) {
      steps.add(
          DoctorStep.warn(
              XMPP,
              "dns-srv",
              "srv-fallback",
              "no XMPP server SRV records; peers fall back to " + domain + ":5269",
              FixSide.PEER,
              "publish _xmpp-server._tcp." + domain + " if the server is not at the domain"));
      targets.add(new SrvTarget(0, 0, 5269, domain));
    }
    Optional<Connected> connected = reach(XMPP, targets, steps);
    connected.ifPresent(Connected::close);
    if (connected.isEmpty()) {
      return;
    }
    Optional<XmppProbe> probe = sources.xmpp().get();
    if (probe.isEmpty()) {
      steps.add(
          DoctorStep.skip(
              XMPP, "xmpp-negotiation", "the XMPP Federation Connection Manager is not running"));
      return;
    }
    steps.addAll(probe.get().negotiate(domain));
  }

  // ---------------------------------------------------------------- shared steps

  private void policy(String label, Protocol protocol, String domain, List<DoctorStep> steps) {
    for (TrafficDirection direction : TrafficDirection.values()) {
      PolicyDecision decision =
          sources.federation().policy().decider(protocol).decide(domain, direction);
      String check = "policy-" + direction.name().toLowerCase(Locale.ROOT);
      if (decision.allowed()) {
        steps.add(DoctorStep.pass(label, check, decision.detail()));
      } else {
        steps.add(
            DoctorStep.fail(
                label,
                check,
                decision.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                decision.detail(),
                FixSide.LOCAL,
                "change the " + protocol + " federation policy or its exceptions"));
      }
    }
  }

  private List<SrvTarget> srv(String label, String name, List<DoctorStep> steps, FixSide side) {
    try {
      List<SrvTarget> targets = sources.dns().get().srv(name);
      if (targets.isEmpty()) {
        steps.add(
            DoctorStep.warn(
                label,
                "dns-srv",
                "srv-missing",
                "no SRV records for " + name,
                side,
                "publish " + name + " pointing at the federation host"));
      } else {
        steps.add(DoctorStep.pass(label, "dns-srv", name + " -> " + targets));
      }
      return targets;
    } catch (IOException e) {
      steps.add(
          DoctorStep.fail(
              label,
              "dns-srv",
              "dns-error",
              name + ": " + e.getMessage(),
              FixSide.LOCAL,
              "check the DNS resolver address in the XMPP federation settings"));
      return List.of();
    }
  }

  /** Resolves and connects to the first target that answers; one step per target tried. */
  private Optional<Connected> reach(String label, List<SrvTarget> targets, List<DoctorStep> steps) {
    for (SrvTarget target : targets) {
      List<InetAddress> addresses;
      try {
        addresses =
            HostSyntax.isIpLiteral(target.host())
                ? List.of(InetAddress.getByName(target.host()))
                : sources.dns().get().addresses(target.host());
      } catch (IOException e) {
        steps.add(
            DoctorStep.fail(
                label,
                "dns-address",
                "dns-error",
                target.host() + ": " + e.getMessage(),
                FixSide.LOCAL,
                "check the DNS resolver"));
        continue;
      }
      if (addresses.isEmpty()) {
        steps.add(
            DoctorStep.fail(
                label,
                "dns-address",
                "no-address",
                "no A or AAAA record for " + target.host(),
                FixSide.PEER,
                "publish an address record for " + target.host()));
        continue;
      }
      steps.add(DoctorStep.pass(label, "dns-address", target.host() + " -> " + addresses));
      for (InetAddress address : addresses) {
        Socket socket = new Socket();
        try {
          socket.connect(new InetSocketAddress(address, target.port()), millis());
          socket.setSoTimeout(millis());
          steps.add(
              DoctorStep.pass(
                  label, "tcp", "connected to " + address.getHostAddress() + ":" + target.port()));
          return Optional.of(new Connected(target, address, socket));
        } catch (IOException e) {
          closeQuietly(socket);
          steps.add(
              DoctorStep.fail(
                  label,
                  "tcp",
                  e instanceof SocketTimeoutException ? "tcp-timeout" : "tcp-refused",
                  address.getHostAddress() + ":" + target.port() + ": " + e.getMessage(),
                  FixSide.PEER,
                  "the partner must listen on this port and let our address through its"
                      + " firewall"));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * TLS as a client with our identity; the peer's chain is recorded, not judged here, so that the
   * chain step can say exactly what is wrong with it.
   */
  private Optional<Handshaken> handshake(
      String label, Connected c, StoreName identityStore, List<DoctorStep> steps) {
    Outcome<Identity> identity = sources.identities().apply(identityStore);
    if (!identity.isAccepted()) {
      steps.add(
          DoctorStep.fail(
              label,
              "tls-handshake",
              "no-identity",
              "the " + identityStore + " identity cannot be used: " + identity.rejection(),
              FixSide.LOCAL,
              "regenerate or upload the " + identityStore + " certificate"));
      return Optional.empty();
    }
    Recording recording = new Recording();
    SSLContext context = TlsContexts.withKeys(identity.value(), new TrustManager[] {recording});
    try {
      SSLSocket socket =
          (SSLSocket)
              context
                  .getSocketFactory()
                  .createSocket(c.socket(), c.target().host(), c.target().port(), true);
      SSLParameters parameters = socket.getSSLParameters();
      if (HostSyntax.isDnsName(c.target().host())) {
        parameters.setServerNames(List.of(new javax.net.ssl.SNIHostName(c.target().host())));
      }
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(millis());
      socket.startHandshake();
      SSLSession session = socket.getSession();
      c.upgrade(socket);
      steps.add(
          DoctorStep.pass(
              label,
              "tls-handshake",
              session.getProtocol()
                  + " "
                  + session.getCipherSuite()
                  + (session.getLocalCertificates() == null
                      ? " (the peer did not ask for our certificate)"
                      : " (our " + identityStore + " certificate presented)")));
      return Optional.of(new Handshaken(socket, recording.chain));
    } catch (IOException e) {
      steps.add(
          DoctorStep.fail(
              label,
              "tls-handshake",
              "tls-handshake-failed",
              e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
              FixSide.PEER,
              "the partner must offer TLS 1.2 or 1.3 on this port and trust the issuer of our "
                  + identityStore
                  + " certificate (send them our CA)"));
      return Optional.empty();
    }
  }

  private boolean chain(
      String label,
      Handshaken tls,
      StoreName trustStore,
      PeerExpectation expected,
      List<DoctorStep> steps) {
    Decision decision =
        new PeerTrust(clock).decide(tls.chain(), sources.trust().apply(trustStore), expected);
    if (decision instanceof Decision.Trusted trusted) {
      steps.add(DoctorStep.pass(label, "peer-certificate", trusted.detail()));
      return true;
    }
    Decision.Refused refused = (Decision.Refused) decision;
    FixSide side =
        switch (refused.reason()) {
          case UNTRUSTED_ROOT, INCOMPLETE_CHAIN -> FixSide.LOCAL;
          default -> FixSide.PEER;
        };
    steps.add(
        DoctorStep.fail(
            label,
            "peer-certificate",
            code(refused.reason()),
            refused.detail(),
            side,
            side == FixSide.LOCAL
                ? "upload the partner's root (and intermediate) CA into " + trustStore
                : "the partner must present a valid certificate"
                    + expected.name().map(n -> " for " + n.describe()).orElse("")
                    + " with the serverAuth and clientAuth EKUs"));
    return false;
  }

  private static String code(RefusalReason reason) {
    return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  // ---------------------------------------------------------------- plumbing

  private int millis() {
    return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  private static List<String> names(X509Certificate leaf) {
    PresentedIdentifiers presented = PresentedIdentifiers.of(leaf);
    List<String> names = new ArrayList<>(presented.dnsNames());
    if (names.isEmpty()) {
      names.addAll(presented.commonNames());
    }
    return names;
  }

  /** One line (up to CRLF), at most 1,024 bytes. */
  private static String readLine(Socket socket) throws IOException {
    StringBuilder line = new StringBuilder();
    var in = socket.getInputStream();
    while (line.length() < 1024) {
      int b = in.read();
      if (b < 0 || b == '\n') {
        break;
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  private static String printable(String text) {
    return text.replaceAll("[^\\x20-\\x7e]", "?");
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing to report: the step already failed
    }
  }

  /** A TCP (later TLS) connection to one target. */
  private static final class Connected implements AutoCloseable {
    private final SrvTarget target;
    private final InetAddress address;
    private Socket socket;

    Connected(SrvTarget target, InetAddress address, Socket socket) {
      this.target = target;
      this.address = address;
      this.socket = socket;
    }

    SrvTarget target() {
      return target;
    }

    InetAddress address() {
      return address;
    }

    Socket socket() {
      return socket;
    }

    void upgrade(Socket tls) {
      socket = tls;
    }

    @Override
    public void close() {
      closeQuietly(socket);
    }
  }

  private record Handshaken(SSLSocket socket, List<X509Certificate> chain) {
    X509Certificate leaf() {
      return chain.get(0);
    }
  }

  /** Accepts any server chain and keeps it for {@link PeerTrust} to judge. */
  private static final class Recording implements X509TrustManager {
    private volatile List<X509Certificate> chain = List.of();

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType) {
      throw new UnsupportedOperationException("the doctor is only a client");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType) {
      chain = List.of(presented);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
