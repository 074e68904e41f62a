package io.fedgate.xmpp.netty;

import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.testkit.TestPki;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.dns.S2sResolver;
import io.fedgate.xmpp.dns.SrvTarget;
import io.fedgate.xmpp.s2s.Admission;
import io.fedgate.xmpp.s2s.PartnerSettings;
import io.fedgate.xmpp.s2s.S2sSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One fedgate S2S node for loopback tests: an {@link S2sService} for one domain on one loopback
 * address, with settings, identity, partners and DNS overrides changeable between starts. Its DNS
 * is the override table only (no DNS server is ever asked; unknown domains are NXDOMAIN).
 */
final class S2sNode implements AutoCloseable {
  static final String SECRET = "matrix-secret";

  final String domain;
  final String address;
  final AtomicReference<S2sSettings> settings = new AtomicReference<>(S2sSettings.defaults(SECRET));
  final AtomicReference<Identity> identity = new AtomicReference<>();
  final Map<String, PartnerSettings> partners = new ConcurrentHashMap<>();
  final Map<String, SrvTarget> dns;
  final LinkedBlockingQueue<XmlElement> received = new LinkedBlockingQueue<>();
  final AtomicReference<Admission> admission = new AtomicReference<>(Admission.allowAll());
  XmppTlsProvider tlsProvider = XmppTlsProvider.AUTO;
  S2sService service;
  InetSocketAddress starttls;
  InetSocketAddress directTls;

  S2sNode(String domain, String address, Identity identity, Map<String, SrvTarget> dns) {
    this.domain = domain;
    this.address = address;
    this.identity.set(identity);
    this.dns = dns;
  }

  S2sNode start() throws Exception {
    S2sResolver resolver =
        new S2sResolver() {
          @Override
          public CompletionStage<List<SrvTarget>> targets(String name) {
            SrvTarget target = dns.get(name);
            return target == null
                ? CompletableFuture.failedFuture(
                    new io.fedgate.xmpp.dns.DnsLookupException("NXDOMAIN " + name, true))
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
        };
    service =
        new S2sService(
            new S2sServices(
                settings::get,
                d -> Optional.ofNullable(partners.get(d)),
                () -> Set.of(domain),
                identity::get,
                () -> TestPki.shared().trustStore(),
                r -> admission.get().decide(r),
                received::add,
                resolver,
                TestPki.clock(),
                new SecureRandom()));
    service.tlsProvider(tlsProvider);
    List<InetSocketAddress> bound =
        service.start(
            List.of(new InetSocketAddress(address, 0)), List.of(new InetSocketAddress(address, 0)));
    starttls = bound.get(0);
    directTls = bound.get(1);
    dns.put(domain, SrvTarget.plain(address, starttls.getPort()));
    return this;
  }

  void stop() {
    if (service != null) {
      service.stop();
      service = null;
    }
    received.clear();
  }

  @Override
  public void close() {
    stop();
  }
}
