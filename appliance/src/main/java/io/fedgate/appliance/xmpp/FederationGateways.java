package io.fedgate.appliance.xmpp;

import io.fedgate.core.route.RemoteDomains;
import io.fedgate.core.route.RemoteGateway;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which gateway takes a stanza for a remote domain (DESIGN.md, "the message model and the router"):
 * a SIP federated domain goes to the SIP gateway, any other domain to XMPP federation (S2S). The
 * gateway services attach themselves when they start and detach when they stop; while one is
 * detached its domains get {@code remote-server-not-found} from the router. A SIP federated domain
 * never falls through to S2S, even while the SIP gateway is stopped.
 */
public final class FederationGateways implements RemoteDomains {
  private volatile RemoteGateway xmpp;
  private volatile RemoteGateway sip;
  private volatile Predicate<String> sipDomains = domain -> false;

  /** The XMPP Federation Connection Manager takes every domain that is not SIP federated. */
  public void attachXmpp(RemoteGateway gateway) {
    xmpp = gateway;
  }

  /** Detaches the XMPP gateway if it is still this one. */
  public void detachXmpp(RemoteGateway gateway) {
    if (xmpp == gateway) {
      xmpp = null;
    }
  }

  /**
   * @param servesDomain true for the SIP federated domains (read on every stanza, so it may follow
   *     the live configuration); kept after {@link #detachSip} so those domains stay off S2S
   */
  public void attachSip(RemoteGateway gateway, Predicate<String> servesDomain) {
    sipDomains = servesDomain;
    sip = gateway;
  }

  /** Detaches the SIP gateway if it is still this one. */
  public void detachSip(RemoteGateway gateway) {
    if (sip == gateway) {
      sip = null;
    }
  }

  @Override
  public Optional<RemoteGateway> gatewayFor(String domain) {
    if (sipDomains.test(domain)) {
      return Optional.ofNullable(sip);
    }
    return Optional.ofNullable(xmpp);
  }
}
