package io.fedgate.routes;

/**
 * Where a route sends a request: host (FQDN, IP literal or SRV owner name), port and transport.
 * Port 0 means "resolve SRV" (see {@link StaticRoute#srvName()}). Callers mark failed next hops
 * with this value so that selection skips every route that uses them.
 *
 * @param host normalized host (lower case, no trailing dot)
 * @param port 0..65535
 * @param transport transport of the route
 */
public record NextHop(String host, int port, Transport transport) {

  @Override
  public String toString() {
    return transport + ":" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
