package io.fedgate.xmpp.s2s;

import java.util.Locale;

/**
 * The unit of S2S authorisation (XEP-0220 §1.3): our domain and a peer domain, for one direction.
 */
public record DomainPair(String local, String remote) {
  public DomainPair {
    local = local.toLowerCase(Locale.ROOT);
    remote = remote.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return local + " <-> " + remote;
  }
}
