package io.fedgate.xmpp.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SRVRecord;

/** {@link DnsjavaResolver} against a DNS server on 127.0.0.13 (never the system resolver). */
class DnsjavaResolverIT {
  private static FakeDnsServer dns;

  @BeforeAll
  static void zone() throws Exception {
    dns = new FakeDnsServer("127.0.0.13");
    srv("_xmpps-server._tcp.example.org.", 5, 0, 5270, "tls.example.org.");
    srv("_xmpp-server._tcp.example.org.", 10, 60, 5269, "b.example.org.");
    srv("_xmpp-server._tcp.example.org.", 10, 40, 5269, "c.example.org.");
    srv("_xmpp-server._tcp.example.org.", 20, 0, 5269, "backup.example.org.");
    srv("_xmpp-server._tcp.noservice.example.", 0, 0, 0, ".");
    dns.add(
        new ARecord(
            Name.fromString("noservice.example."),
            DClass.IN,
            60,
            InetAddress.getByName("192.0.2.9")));
    dns.add(
        new ARecord(
            Name.fromString("tls.example.org."),
            DClass.IN,
            60,
            InetAddress.getByName("192.0.2.1")));
    dns.add(
        new AAAARecord(
            Name.fromString("tls.example.org."),
            DClass.IN,
            60,
            InetAddress.getByName("2001:db8::1")));
    // a name that exists without SRV records: fallback allowed
    dns.add(
        new ARecord(
            Name.fromString("plain.example."), DClass.IN, 60, InetAddress.getByName("192.0.2.5")));
  }

  private static void srv(String name, int priority, int weight, int port, String target)
      throws Exception {
    dns.add(
        new SRVRecord(
            Name.fromString(name), DClass.IN, 60, priority, weight, port, Name.fromString(target)));
  }

  @AfterAll
  static void stop() {
    dns.close();
  }

  private static DnsjavaResolver resolver(Map<String, SrvTarget> overrides) {
    return new DnsjavaResolver(
        Optional.of(dns.address()), Duration.ofSeconds(2), () -> overrides, new Random(1));
  }

  private static <T> T get(java.util.concurrent.CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void mergesBothSrvNamesInRfc2782Order() throws Exception {
    List<SrvTarget> targets = get(resolver(Map.of()).targets("example.org"));

    assertThat(targets).hasSize(4);
    assertThat(targets.get(0)).isEqualTo(new SrvTarget("tls.example.org", 5270, true, 5, 0));
    assertThat(targets.subList(1, 3))
        .extracting(SrvTarget::host)
        .containsExactlyInAnyOrder("b.example.org", "c.example.org");
    assertThat(targets.get(3).host()).isEqualTo("backup.example.org");
    assertThat(targets.subList(1, 4)).noneMatch(SrvTarget::directTls);
  }

  @Test
  void fallsBackToTheDomainOn5269OnlyWithoutSrvRecords() throws Exception {
    assertThat(get(resolver(Map.of()).targets("plain.example")))
        .containsExactly(SrvTarget.plain("plain.example", 5269));
    assertThat(get(resolver(Map.of()).targets("nxdomain.example")))
        .containsExactly(SrvTarget.plain("nxdomain.example", 5269));
  }

  @Test
  void aDotTargetMeansNoServiceAndNoFallback() {
    assertThatThrownBy(() -> get(resolver(Map.of()).targets("noservice.example")))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(DnsLookupException.class)
        .hasMessageContaining("no XMPP service")
        .matches(e -> ((DnsLookupException) e).notFound());
  }

  @Test
  void anOverrideReplacesDnsWithoutAQuery() throws Exception {
    int before = dns.queries.get();

    List<SrvTarget> targets =
        get(
            resolver(Map.of("closed.example", SrvTarget.plain("10.1.2.3", 15269)))
                .targets("Closed.Example"));

    assertThat(targets).containsExactly(SrvTarget.plain("10.1.2.3", 15269));
    assertThat(dns.queries.get()).isEqualTo(before);
  }

  @Test
  void addressesAreAThenAaaaAndLiteralsAreNotLookedUp() throws Exception {
    assertThat(get(resolver(Map.of()).addresses("tls.example.org")))
        .containsExactly(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("2001:db8::1"));
    assertThat(get(resolver(Map.of()).addresses("127.0.0.10")))
        .containsExactly(InetAddress.getByName("127.0.0.10"));
    assertThatThrownBy(() -> get(resolver(Map.of()).addresses("missing.example")))
        .cause()
        .isInstanceOf(DnsLookupException.class);
  }

  @Test
  void anUnansweringServerIsAFailureNotAFallback() {
    DnsjavaResolver silent =
        new DnsjavaResolver(
            Optional.of(new InetSocketAddress("127.0.0.13", 9)),
            Duration.ofMillis(300),
            Map::of,
            new Random(1));

    assertThatThrownBy(() -> get(silent.targets("example.org")))
        .cause()
        .isInstanceOf(DnsLookupException.class)
        .matches(e -> !((DnsLookupException) e).notFound());
  }
}
