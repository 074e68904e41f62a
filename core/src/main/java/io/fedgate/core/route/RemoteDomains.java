package io.fedgate.core.route;

import java.util.Optional;

/**
 * Which gateway serves a remote domain (DESIGN.md, "the message model and the router"): a SIP
 * federated domain goes to the SIP gateway, any other domain to S2S when XMPP federation is on.
 * Empty when nothing can take it; the router then answers {@code remote-server-not-found}.
 */
@FunctionalInterface
public interface RemoteDomains {
  Optional<RemoteGateway> gatewayFor(String domain);

  /** No federation at all. */
  static RemoteDomains none() {
    return domain -> Optional.empty();
  }
}
