package io.fedgate.xmpp.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Port: the DNS of outbound S2S. Never blocks the caller: both methods answer a stage completed on
 * the resolver's own threads. Failures complete the stage exceptionally with a {@link
 * DnsLookupException}.
 */
public interface S2sResolver {

  /**
   * The targets for an XMPP domain, in connection order: an override if one is configured, else the
   * merged {@code _xmpps-server._tcp} and {@code _xmpp-server._tcp} SRV records in RFC 2782 order,
   * else (only when both answers are NXDOMAIN or empty) the domain itself on 5269. A single "."
   * target means "no service": {@link DnsLookupException} with {@code notFound()}.
   */
  CompletionStage<List<SrvTarget>> targets(String domain);

  /** The addresses of a target host (A, then AAAA); an IP literal is returned as is. */
  CompletionStage<List<InetAddress>> addresses(String host);
}
