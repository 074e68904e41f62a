package io.fedgate.acl.incoming;

import io.fedgate.acl.net.IpAddress;
import java.util.Set;

/**
 * A connecting peer as the ACL sees it.
 *
 * @param address the remote address of the connection
 * @param names the peer's host names as the caller established them (TLS certificate identity,
 *     Via/Record-Route host, reverse look-up done elsewhere); any of them may match an FQDN or
 *     domain entry. Empty when no name is known.
 */
public record Peer(IpAddress address, Set<String> names) {

  public Peer {
    names = Set.copyOf(names);
  }

  /** A peer with one name. */
  public static Peer of(IpAddress address, String name) {
    return new Peer(address, Set.of(name));
  }
}
