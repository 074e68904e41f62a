package io.fedgate.sip.gateway;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The next hops of a SIP federated domain, in the order to try them (static routes by priority and
 * weight, or the {@code _sipfederationtls._tcp} SRV records), resolved to addresses. May block on
 * DNS: the gateway calls it on its own executor.
 */
@FunctionalInterface
public interface NextHops {
  List<Target> targets(String domain);

  /**
   * @param expectedHost the name the next hop's certificate must carry (the route's next hop host
   *     or the SRV target)
   */
  record Target(InetSocketAddress address, String transport, String expectedHost) {
    /** {@code address:port/transport}: how {@link NextHopHealth} knows the hop. */
    public String key() {
      return address.getAddress().getHostAddress() + ":" + address.getPort() + "/" + transport;
    }

    @Override
    public String toString() {
      return expectedHost
          + "@"
          + address.getAddress().getHostAddress()
          + ":"
          + address.getPort()
          + "/"
          + transport;
    }
  }
}
