package io.fedgate.appliance.tlsproxy;

import io.fedgate.appliance.boot.BootConfig;
import io.fedgate.appliance.boot.ListenerConfig;
import io.fedgate.appliance.boot.ListenerId;
import io.fedgate.tlsproxy.acl.AccessList;
import io.fedgate.tlsproxy.acl.AclEntry;
import io.fedgate.tlsproxy.acl.AddressMatch;
import io.fedgate.tlsproxy.config.Direction;
import io.fedgate.tlsproxy.config.Endpoint;
import io.fedgate.tlsproxy.config.PatMapping;
import io.fedgate.tlsproxy.config.ProxyConfig;
import io.fedgate.tlsproxy.config.ProxyInstance;
import io.fedgate.tlsproxy.config.TrustPoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The proxy a node runs when {@code listener.tls-proxy-outside.enabled} is on: one inbound instance
 * from the outside listener to the node's own peer-auth listener, presenting the {@code cup}
 * identity on both legs (the ASA's load-balancer variant: one trust point both sides), trusting
 * {@code cup-trust} both ways, checking the partner's certificate against the node's TLS peer
 * subjects on the outside, with one static PAT mapping and an access list that permits every
 * partner to the peer-auth port (the node's incoming ACL and policy still apply inside).
 */
final class InNodeProxyConfig {
  static final String INSTANCE = "ent_external_to_imp";
  static final String ACL = "outside_to_peer_auth";
  static final String IDENTITY = "cup";
  static final String TRUST = "cup-trust";

  private InNodeProxyConfig() {}

  /**
   * @param outsidePort the port the outside listener uses (the configured one, or a free one when
   *     it is 0)
   * @param peerSubjects the node's TLS peer subjects: the partners admitted on the outside (empty =
   *     any certificate that chains to {@code cup-trust})
   */
  static ProxyConfig of(BootConfig boot, int outsidePort, List<String> peerSubjects)
      throws UnknownHostException {
    ListenerConfig outside = boot.listener(ListenerId.TLS_PROXY_OUTSIDE);
    ListenerConfig peerAuth = boot.listener(ListenerId.SIP_PEER_AUTH);
    Endpoint inside = new Endpoint(ip(peerAuth.address()), peerAuth.port());
    ProxyInstance instance =
        ProxyInstance.builder(INSTANCE, Direction.INBOUND)
            .server(IDENTITY, List.of(TRUST), peerSubjects)
            .client(IDENTITY, List.of(TRUST), boot.nodeFqdn())
            .accessList(ACL)
            .build();
    AclEntry permit =
        new AclEntry(
            AclEntry.Action.PERMIT,
            AddressMatch.ANY,
            OptionalInt.empty(),
            AddressMatch.parse(inside.address()).orElseThrow(),
            OptionalInt.of(inside.port()),
            Optional.empty());
    return new ProxyConfig(
        List.of(
            new TrustPoint(
                IDENTITY,
                TrustPoint.Enrollment.TERMINAL,
                boot.nodeFqdn(),
                "",
                Optional.of(IDENTITY)),
            new TrustPoint(TRUST, TrustPoint.Enrollment.TERMINAL, "", "", Optional.empty())),
        List.of(instance),
        List.of(new AccessList(ACL, List.of(permit))),
        List.of(
            new PatMapping(
                inside, new Endpoint(ip(outside.address()), outsidePort), Optional.of(INSTANCE))));
  }

  /** Listener addresses may be names; the PAT table holds IP literals. */
  private static String ip(String host) throws UnknownHostException {
    return InetAddress.getByName(host).getHostAddress();
  }
}
