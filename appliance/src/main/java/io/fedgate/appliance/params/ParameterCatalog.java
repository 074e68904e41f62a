package io.fedgate.appliance.params;

import static io.fedgate.appliance.params.ParameterDefinition.Type.BOOLEAN;
import static io.fedgate.appliance.params.ParameterDefinition.Type.HOSTNAME;
import static io.fedgate.appliance.params.ParameterDefinition.Type.INTEGER;

import io.fedgate.appliance.service.ServiceName;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every runtime parameter the node knows (documented in docs/config-reference.md). */
public final class ParameterCatalog {
  private static final List<ParameterDefinition> ALL =
      List.of(
          new ParameterDefinition(
              "sip.im-gateway-status",
              BOOLEAN,
              "true",
              0,
              0,
              Set.of(ServiceName.SIP_PROXY),
              true,
              "IM Gateway Status: federated IM through the SIP gateway on or off"),
          new ParameterDefinition(
              "sip.options-ping-interval-seconds",
              INTEGER,
              "30",
              0,
              3600,
              Set.of(ServiceName.SIP_PROXY),
              true,
              "seconds between two OPTIONS pings of each SIP next hop (0 = no pings)"),
          new ParameterDefinition(
              "sip.options-ping-failures",
              INTEGER,
              "2",
              1,
              100,
              Set.of(ServiceName.SIP_PROXY),
              true,
              "failed OPTIONS pings or requests in a row that mark a SIP next hop down"),
          new ParameterDefinition(
              "sip.options-ping-successes",
              INTEGER,
              "1",
              1,
              100,
              Set.of(ServiceName.SIP_PROXY),
              true,
              "answered OPTIONS pings or requests in a row that bring a down SIP next hop back up"),
          new ParameterDefinition(
              "sip.im-session-idle-timeout-seconds",
              INTEGER,
              "600",
              10,
              86400,
              Set.of(ServiceName.SIP_PROXY),
              true,
              "seconds without a message after which a SIP IM session (dialog) is closed with BYE"),
          new ParameterDefinition(
              "sip.inbound-requests-per-peer-per-second",
              INTEGER,
              "5000",
              0,
              1000000,
              Set.of(ServiceName.SIP_PROXY),
              true,
              "SIP requests per second accepted from one peer address before 503 (0 = no limit)"),
          new ParameterDefinition(
              "sip.federation-routing-fqdn",
              HOSTNAME,
              "",
              0,
              0,
              Set.of(ServiceName.XCP_ROUTER),
              false,
              "Federation Routing IM and Presence FQDN (empty = node FQDN); must match the"
                  + " _sipfederationtls SRV target"),
          new ParameterDefinition(
              "sip.use-transport-in-record-route",
              BOOLEAN,
              "false",
              0,
              0,
              Set.of(ServiceName.SIP_PROXY),
              false,
              "Use Transport in Record-Route Header (fixes NOTIFY time-outs over TCP to OCS)"),
          new ParameterDefinition(
              "presence.offline-messages-per-user",
              INTEGER,
              "100",
              0,
              10_000,
              Set.of(ServiceName.XCP_ROUTER),
              true,
              "offline messages kept per user; when full, new ones are refused with service-unavailable"),
          new ParameterDefinition(
              "xmpp.c2s.allow-plain",
              BOOLEAN,
              "false",
              0,
              0,
              Set.of(ServiceName.XMPP_CONNECTION_MANAGER),
              false,
              "offer SASL PLAIN to clients (only ever over TLS)"),
          new ParameterDefinition(
              "xmpp.s2s.max-inbound-per-address",
              INTEGER,
              "50",
              0,
              100_000,
              Set.of(ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER),
              false,
              "inbound S2S connections allowed at once from one IP address (0: no limit); one"
                  + " more is refused with the stream error policy-violation"),
          new ParameterDefinition(
              "xmpp.c2s.resumption-timeout-seconds",
              INTEGER,
              "300",
              1,
              86_400,
              Set.of(ServiceName.XMPP_CONNECTION_MANAGER),
              false,
              "how long a XEP-0198 session whose connection dropped waits to be resumed; then its"
                  + " unacknowledged messages go to other resources or offline storage"),
          new ParameterDefinition(
              "xmpp.c2s.max-unacked-stanzas",
              INTEGER,
              "1000",
              10,
              100_000,
              Set.of(ServiceName.XMPP_CONNECTION_MANAGER),
              false,
              "stanzas a XEP-0198 session may leave unacknowledged; one more ends it"
                  + " (policy-violation) and its messages go to other resources or offline storage"),
          guard(
              "guard.standard-rate",
              "20",
              1,
              10_000,
              "messages/s allowed per discovered partner (Lync DiscoveredPartnerStandardRate)"),
          guard(
              "guard.suspicious-rate",
              "1",
              1,
              10_000,
              "messages/s allowed per discovered partner marked suspicious"),
          guard(
              "guard.max-distinct-uris",
              "1000",
              1,
              100_000,
              "distinct local URIs a discovered partner may address before it is watch-listed"),
          guard(
              "guard.suspicious-min-requests",
              "20",
              1,
              1_000_000,
              "requests in a period before the failure ratio can mark a partner suspicious"),
          guard(
              "guard.suspicious-failure-percent",
              "100",
              1,
              10_000,
              "failed requests as a percentage of successful ones that marks a partner suspicious"),
          guard(
              "guard.report-period-minutes",
              "60",
              1,
              1440,
              "period over which requests and failures are counted"
                  + " (DiscoveredPartnerReportPeriodMinutes)"),
          new ParameterDefinition(
              "admin.session-timeout-minutes",
              INTEGER,
              "30",
              1,
              1440,
              Set.of(ServiceName.ADMIN_WEB),
              true,
              "idle time after which an admin page session ends"));

  private ParameterCatalog() {}

  private static ParameterDefinition guard(
      String name, String defaultValue, int min, int max, String description) {
    return new ParameterDefinition(
        name,
        INTEGER,
        defaultValue,
        min,
        max,
        Set.of(ServiceName.SIP_PROXY, ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER),
        true,
        description + " (open-federation guard)");
  }

  public static List<ParameterDefinition> all() {
    return ALL;
  }

  public static Optional<ParameterDefinition> find(String name) {
    return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
