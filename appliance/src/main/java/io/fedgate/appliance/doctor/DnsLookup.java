package io.fedgate.appliance.doctor;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/** The DNS look-ups the doctor makes (the appliance's configured resolver, never a guess). */
public interface DnsLookup {

  /** An SRV target. */
  record SrvTarget(int priority, int weight, int port, String host) {
    @Override
    public String toString() {
      return host + ":" + port + " (priority " + priority + ", weight " + weight + ")";
    }
  }

  /**
   * @return the targets in RFC 2782 order; empty when the name does not exist or has no SRV
   * @throws IOException when the resolver cannot answer (timeout, SERVFAIL)
   */
  List<SrvTarget> srv(String name) throws IOException;

  /**
   * @return the A and AAAA addresses; empty when there are none
   * @throws IOException when the resolver cannot answer
   */
  List<InetAddress> addresses(String host) throws IOException;
}
