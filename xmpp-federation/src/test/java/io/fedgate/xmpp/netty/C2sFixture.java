package io.fedgate.xmpp.netty;

import io.fedgate.xmpp.c2s.C2sConfig;
import io.fedgate.xmpp.c2s.LocalSessions;
import io.fedgate.xmpp.sasl.AuthThrottle;
import io.fedgate.xmpp.sasl.InMemoryCredentialStore;
import io.fedgate.xmpp.stream.StreamLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * Two listeners (STARTTLS and direct TLS) on 127.0.0.1 port 0, users alice, bob and carol; TLS by
 * the default provider ({@code auto}: BoringSSL where it loads) unless one is given.
 */
final class C2sFixture implements AutoCloseable {
  static final String DOMAIN = "local.test";

  final TestTls tls;
  final LocalSessions sessions = new LocalSessions();
  final C2sListener startTls;
  final C2sListener directTls;
  final InetSocketAddress startTlsAddress;
  final InetSocketAddress directTlsAddress;

  C2sFixture() throws Exception {
    this(StreamLimits.DEFAULTS);
  }

  C2sFixture(StreamLimits limits) throws Exception {
    this(limits, C2sConfig.DEFAULT_RESUMPTION_TIMEOUT);
  }

  C2sFixture(StreamLimits limits, Duration resumptionTimeout) throws Exception {
    this(limits, resumptionTimeout, C2sConfig.DEFAULT_MAX_UNACKED);
  }

  C2sFixture(XmppTlsProvider provider) throws Exception {
    this(
        StreamLimits.DEFAULTS,
        C2sConfig.DEFAULT_RESUMPTION_TIMEOUT,
        C2sConfig.DEFAULT_MAX_UNACKED,
        provider);
  }

  C2sFixture(StreamLimits limits, Duration resumptionTimeout, int maxUnacked) throws Exception {
    this(limits, resumptionTimeout, maxUnacked, XmppTlsProvider.AUTO);
  }

  C2sFixture(
      StreamLimits limits, Duration resumptionTimeout, int maxUnacked, XmppTlsProvider provider)
      throws Exception {
    tls = new TestTls();
    SecureRandom random = new SecureRandom();
    InMemoryCredentialStore users = new InMemoryCredentialStore(random, 4096);
    for (String user : new String[] {"alice", "bob", "carol"}) {
      users.put(user, (user + "-secret").toCharArray());
    }
    C2sServices services =
        new C2sServices(
            new C2sConfig(DOMAIN, true, false, limits, resumptionTimeout, maxUnacked),
            users,
            new LocalDeliveryRouter(sessions),
            sessions,
            new AuthThrottle(Clock.systemUTC(), 50, Duration.ofMinutes(1), 1000),
            C2sServices.serverEngines(tls.identity, provider),
            random);
    startTls = new C2sListener(services, false, 1);
    directTls = new C2sListener(services, true, 1);
    InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    startTlsAddress = startTls.start(any);
    directTlsAddress = directTls.start(any);
  }

  XMPPTCPConnection client(String user, String password, String resource) throws Exception {
    XMPPTCPConnectionConfiguration config =
        XMPPTCPConnectionConfiguration.builder()
            .setXmppDomain(DOMAIN)
            .setHostAddress(InetAddress.getLoopbackAddress())
            .setPort(startTlsAddress.getPort())
            .setSecurityMode(SecurityMode.required)
            .setCustomX509TrustManager(tls.clientTrust)
            .setUsernameAndPassword(user, password)
            .setResource(resource)
            .addEnabledSaslMechanism("SCRAM-SHA-1")
            .setSendPresence(true)
            .build();
    XMPPTCPConnection connection = new XMPPTCPConnection(config);
    connection.setReplyTimeout(10_000);
    // rosters are not served yet (issue 5, presence engine): do not ask for one at login
    Roster.getInstanceFor(connection).setRosterLoadedAtLogin(false);
    return connection;
  }

  @Override
  public void close() {
    startTls.close();
    directTls.close();
  }
}
