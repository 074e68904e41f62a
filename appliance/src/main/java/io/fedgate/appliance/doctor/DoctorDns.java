package io.fedgate.appliance.doctor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@link DnsLookup} through dnsjava, against one resolver address or the system's. Answers are not
 * cached: the doctor shows what DNS says now. SRV targets come back in priority order, heavier
 * weights first within a priority (the doctor lists them; it does not load-balance).
 */
public final class DoctorDns implements DnsLookup {
  private final Resolver resolver;

  private DoctorDns(Resolver resolver) {
    this.resolver = resolver;
  }

  /** The resolvers of the host's configuration (resolv.conf). */
  public static DoctorDns system() {
    return new DoctorDns(null);
  }

  /** One resolver, e.g. a closed network's DNS server. */
  public static DoctorDns at(InetSocketAddress server, Duration timeout) {
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setTimeout(timeout);
    return new DoctorDns(resolver);
  }

  @Override
  public List<SrvTarget> srv(String name) throws IOException {
    List<SrvTarget> targets = new ArrayList<>();
    for (Record record : lookup(name, Type.SRV)) {
      SRVRecord srv = (SRVRecord) record;
      String target = srv.getTarget().toString(true);
      if (!target.isEmpty() && !target.equals(".")) { // "." means: no service here (RFC 2782)
        targets.add(new SrvTarget(srv.getPriority(), srv.getWeight(), srv.getPort(), target));
      }
    }
    targets.sort(
        Comparator.comparingInt(SrvTarget::priority)
            .thenComparing(Comparator.comparingInt(SrvTarget::weight).reversed()));
    return targets;
  }

  @Override
  public List<InetAddress> addresses(String host) throws IOException {
    List<InetAddress> addresses = new ArrayList<>();
    for (Record record : lookup(host, Type.A)) {
      addresses.add(((ARecord) record).getAddress());
    }
    for (Record record : lookup(host, Type.AAAA)) {
      addresses.add(((AAAARecord) record).getAddress());
    }
    return addresses;
  }

  private List<Record> lookup(String name, int type) throws IOException {
    Lookup lookup;
    try {
      lookup = new Lookup(Name.fromString(name, Name.root), type);
    } catch (TextParseException e) {
      throw new IOException("'" + name + "' is not a DNS name", e);
    }
    if (resolver != null) {
      lookup.setResolver(resolver);
    }
    lookup.setCache(null);
    Record[] records = lookup.run();
    switch (lookup.getResult()) {
      case Lookup.SUCCESSFUL:
        return List.of(records);
      case Lookup.HOST_NOT_FOUND:
      case Lookup.TYPE_NOT_FOUND:
        return List.of();
      default:
        throw new IOException(Type.string(type) + " " + name + ": " + lookup.getErrorString());
    }
  }
}
