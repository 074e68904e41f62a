package io.fedgate.tlsproxy.config;

import io.fedgate.acl.net.IpAddress;
import io.fedgate.acl.net.IpRange;
import io.fedgate.tlsproxy.acl.AccessList;
import io.fedgate.tlsproxy.acl.AclEntry;
import io.fedgate.tlsproxy.acl.AddressMatch;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The IM&P federation recipe of the reference as a proxy config: node 10.0.0.41 behind the public
 * 192.0.2.10 (5061 -> peer-auth 5062, 5080 and 5060 translated), a second node on arbitrary public
 * ports, one instance per direction.
 */
public final class SampleConfigs {
  private SampleConfigs() {}

  public static AclEntry permit(String source, String destination, int port, String domain) {
    return new AclEntry(
        AclEntry.Action.PERMIT,
        address(source),
        OptionalInt.empty(),
        address(destination),
        port == 0 ? OptionalInt.empty() : OptionalInt.of(port),
        Optional.ofNullable(domain));
  }

  public static AclEntry deny(String source, String destination) {
    return new AclEntry(
        AclEntry.Action.DENY,
        address(source),
        OptionalInt.empty(),
        address(destination),
        OptionalInt.empty(),
        Optional.empty());
  }

  public static AddressMatch address(String text) {
    if (text.equals("any")) {
      return AddressMatch.ANY;
    }
    if (text.contains("/")) {
      return AddressMatch.of(IpRange.parse(text).orElseThrow());
    }
    IpAddress ip = IpAddress.parse(text).orElseThrow();
    return AddressMatch.of(new IpRange(ip, ip.bitLength()));
  }

  public static ProxyConfig impFederation() {
    List<TrustPoint> points =
        List.of(
            new TrustPoint(
                "imp_public",
                TrustPoint.Enrollment.TERMINAL,
                "imp.example.com",
                "cn=imp.example.com",
                Optional.of("imp_public_key")),
            new TrustPoint(
                "imp_proxy",
                TrustPoint.Enrollment.SELF,
                "",
                "cn=10.0.0.1",
                Optional.of("imp_proxy_key")),
            new TrustPoint(
                "cert_from_imp", TrustPoint.Enrollment.TERMINAL, "", "", Optional.empty()),
            new TrustPoint("partner_ca", TrustPoint.Enrollment.TERMINAL, "", "", Optional.empty()));
    ProxyInstance inbound =
        ProxyInstance.builder("ent_external_to_imp", Direction.INBOUND)
            .server("imp_public", List.of("partner_ca"), List.of("sip.partner.example"))
            .client("imp_proxy", List.of("cert_from_imp"), "imp1.inside.example")
            .accessList("partner_to_imp")
            .build();
    ProxyInstance outbound =
        ProxyInstance.builder("ent_imp_to_external", Direction.OUTBOUND)
            .server("imp_proxy", List.of("cert_from_imp"), List.of())
            .client("imp_public", List.of("partner_ca"), "sip.partner.example")
            .accessList("imp_to_partner")
            .listen(new Endpoint("10.0.0.1", 15062))
            .target(new Endpoint("203.0.113.5", 5061))
            .build();
    List<AccessList> acls =
        List.of(
            new AccessList(
                "partner_to_imp",
                List.of(
                    permit("any", "10.0.0.41", 5062, "partner.example"),
                    permit("203.0.113.0/24", "10.0.0.42", 5062, null))),
            new AccessList(
                "imp_to_partner", List.of(permit("10.0.0.0/24", "203.0.113.5", 5061, null))));
    List<PatMapping> pat =
        List.of(
            new PatMapping(
                new Endpoint("10.0.0.41", 5062),
                new Endpoint("192.0.2.10", 5061),
                Optional.of("ent_external_to_imp")),
            new PatMapping(
                new Endpoint("10.0.0.41", 5080),
                new Endpoint("192.0.2.10", 5080),
                Optional.empty()),
            new PatMapping(
                new Endpoint("10.0.0.41", 5060),
                new Endpoint("192.0.2.10", 5060),
                Optional.empty()),
            new PatMapping(
                new Endpoint("10.0.0.42", 5062),
                new Endpoint("192.0.2.10", 45062),
                Optional.of("ent_external_to_imp")),
            new PatMapping(
                new Endpoint("10.0.0.42", 5080),
                new Endpoint("192.0.2.10", 45080),
                Optional.empty()));
    return new ProxyConfig(points, List.of(inbound, outbound), acls, pat);
  }
}
