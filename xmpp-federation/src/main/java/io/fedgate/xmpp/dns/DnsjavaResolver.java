package io.fedgate.xmpp.dns;

import io.fedgate.core.net.HostSyntax;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;

/**
 * {@link S2sResolver} with dnsjava's asynchronous {@link LookupSession} against one DNS server (the
 * configured resolver address; the system's only when none is configured), no search path,
 * dnsjava's cache (TTL-bound). Overrides (domain -> host:port, STARTTLS) are read on every lookup.
 */
public final class DnsjavaResolver implements S2sResolver {
  private static final int DEFAULT_PORT = 5269;

  private final LookupSession session;
  private final Supplier<Map<String, SrvTarget>> overrides;
  private final RandomGenerator random;

  /**
   * @param server the DNS server to ask; empty = the system's resolver configuration
   * @param timeout per query
   * @param overrides per-domain targets that replace DNS (closed networks); read on every lookup
   */
  public DnsjavaResolver(
      Optional<InetSocketAddress> server,
      Duration timeout,
      Supplier<Map<String, SrvTarget>> overrides,
      RandomGenerator random) {
    Resolver resolver;
    try {
      resolver = server.isPresent() ? new SimpleResolver(server.get()) : new SimpleResolver();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("no usable DNS resolver: " + e.getMessage(), e);
    }
    resolver.setTimeout(timeout);
    this.session = LookupSession.builder().resolver(resolver).clearSearchPath().ndots(1).build();
    this.overrides = overrides;
    this.random = random;
  }

  @Override
  public CompletionStage<List<SrvTarget>> targets(String domain) {
    String key = domain.toLowerCase(Locale.ROOT);
    SrvTarget override = overrides.get().get(key);
    if (override != null) {
      return CompletableFuture.completedFuture(List.of(override));
    }
    CompletableFuture<Optional<List<SrvTarget>>> direct = srv("_xmpps-server._tcp.", key, true);
    CompletableFuture<Optional<List<SrvTarget>>> starttls = srv("_xmpp-server._tcp.", key, false);
    return direct.thenCombine(
        starttls,
        (a, b) -> {
          if (a.isEmpty() && b.isEmpty()) {
            return List.of(SrvTarget.plain(key, DEFAULT_PORT)); // RFC 6120 §3.2.2 fallback
          }
          List<SrvTarget> merged = new ArrayList<>();
          a.ifPresent(merged::addAll);
          b.ifPresent(merged::addAll);
          // RFC 2782: a single "." target means the service is decidedly not available
          merged.removeIf(t -> t.host().isEmpty());
          if (merged.isEmpty()) {
            throw new DnsLookupException("SRV says no XMPP service for " + key, true);
          }
          return SrvOrdering.order(merged, random);
        });
  }

  /** The records, or empty for NXDOMAIN / no SRV records (the only cases allowing fallback). */
  private CompletableFuture<Optional<List<SrvTarget>>> srv(
      String prefix, String domain, boolean directTls) {
    Name name;
    try {
      name = Name.fromString(prefix + domain + ".");
    } catch (TextParseException e) {
      return CompletableFuture.failedFuture(
          new DnsLookupException("not a DNS name: " + domain, true));
    }
    return session
        .lookupAsync(name, Type.SRV)
        .handle(
            (result, failure) -> {
              if (failure != null) {
                Throwable cause = unwrap(failure);
                if (cause instanceof NoSuchDomainException
                    || cause instanceof NoSuchRRSetException) {
                  return Optional.<List<SrvTarget>>empty();
                }
                throw new DnsLookupException("SRV lookup " + name + " failed: " + cause, false);
              }
              List<SrvTarget> targets = new ArrayList<>();
              for (Record record : result.getRecords()) {
                if (record instanceof SRVRecord srv) {
                  String target = srv.getTarget().toString(true);
                  targets.add(
                      new SrvTarget(
                          ".".equals(target) ? "" : target,
                          Math.max(1, srv.getPort()),
                          directTls,
                          srv.getPriority(),
                          srv.getWeight()));
                }
              }
              return targets.isEmpty() ? Optional.<List<SrvTarget>>empty() : Optional.of(targets);
            })
        .toCompletableFuture();
  }

  @Override
  public CompletionStage<List<InetAddress>> addresses(String host) {
    if (HostSyntax.isIpLiteral(host)) {
      try {
        return CompletableFuture.completedFuture(List.of(InetAddress.getByName(host)));
      } catch (UnknownHostException e) {
        return CompletableFuture.failedFuture(new DnsLookupException("bad IP " + host, true));
      }
    }
    Name name;
    try {
      name = Name.fromString(host + ".");
    } catch (TextParseException e) {
      return CompletableFuture.failedFuture(new DnsLookupException("not a host: " + host, true));
    }
    CompletableFuture<List<InetAddress>> v4 = address(name, Type.A);
    CompletableFuture<List<InetAddress>> v6 = address(name, Type.AAAA);
    return v4.thenCombine(
        v6,
        (a, b) -> {
          List<InetAddress> all = new ArrayList<>(a);
          all.addAll(b);
          if (all.isEmpty()) {
            throw new DnsLookupException("no A/AAAA record for " + host, true);
          }
          return List.copyOf(all);
        });
  }

  private CompletableFuture<List<InetAddress>> address(Name name, int type) {
    return session
        .lookupAsync(name, type)
        .handle(
            (result, failure) -> {
              if (failure != null) {
                Throwable cause = unwrap(failure);
                if (cause instanceof NoSuchDomainException
                    || cause instanceof NoSuchRRSetException) {
                  return List.<InetAddress>of();
                }
                throw new DnsLookupException("address lookup " + name + " failed: " + cause, false);
              }
              List<InetAddress> out = new ArrayList<>();
              for (Record record : result.getRecords()) {
                if (record instanceof ARecord a) {
                  out.add(a.getAddress());
                } else if (record instanceof AAAARecord aaaa) {
                  out.add(aaaa.getAddress());
                }
              }
              return out;
            })
        .toCompletableFuture();
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
