package io.fedgate.appliance.admin;

import io.fedgate.appliance.node.NodeTraffic;
import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.service.TrafficCounters;
import io.fedgate.appliance.tlsproxy.TlsProxyService;
import io.fedgate.tlsproxy.status.ClosedSession;
import io.fedgate.tlsproxy.status.SessionView;
import io.fedgate.xmpp.s2s.S2sConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Dashboard's traffic figures, from what the services already keep: live connections per peer
 * and protocol (XMPP S2S streams, TLS proxy sessions, client sessions), messages per peer domain
 * and message rates (XMPP S2S, SIP), refusals by reason (S2S admission and the guard, the SIP
 * inbound gate, the TLS proxy's recently closed sessions). Reads only; never blocks.
 */
final class DashboardTraffic {
  private DashboardTraffic() {}

  static void fill(Map<String, Object> model, NodeControl node) {
    NodeTraffic traffic = node.traffic();
    List<S2sConnection> s2s = node.s2s().connections();
    TlsProxyService proxy = (TlsProxyService) node.services().component(ServiceName.TLS_PROXY);
    List<SessionView> proxySessions = proxy.sessions();

    List<Map<String, Object>> connections = new ArrayList<>();
    for (S2sConnection c : s2s) {
      connections.add(
          row(
              "XMPP S2S",
              c.remoteDomain(),
              c.direction().name(),
              c.peerAddress()
                  + ", "
                  + c.tlsVersion().orElse("no TLS")
                  + " "
                  + c.cipherSuite().orElse("")
                  + ", "
                  + c.authMethod().name()
                  + ", since "
                  + c.since(),
              c.stanzasIn(),
              c.stanzasOut()));
    }
    Map<String, List<SessionView>> byPeer = new TreeMap<>();
    for (SessionView session : proxySessions) {
      byPeer.computeIfAbsent(host(session.client()), k -> new ArrayList<>()).add(session);
    }
    byPeer.forEach(
        (peer, sessions) ->
            connections.add(
                row(
                    "TLS proxy",
                    peer,
                    "INBOUND",
                    sessions.size() + " session(s) to " + sessions.get(0).target(),
                    sessions.stream().mapToLong(SessionView::bytesFromClient).sum(),
                    sessions.stream().mapToLong(SessionView::bytesFromTarget).sum())));
    model.put("connections", connections);

    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("XMPP S2S streams", s2s.size());
    summary.put("XMPP client (C2S) sessions", traffic.clientSessions());
    summary.put("TLS proxy sessions", proxySessions.size());
    model.put("connectionSummary", summary);

    List<Map<String, Object>> peers = new ArrayList<>();
    List<Map<String, Object>> refusals = new ArrayList<>();
    Map<String, Long> totals = new LinkedHashMap<>();
    for (TrafficCounters.Traffic t : traffic.federation()) {
      Map<String, Long> in = t.in().byKey();
      Map<String, Long> out = t.out().byKey();
      TreeMap<String, Boolean> domains = new TreeMap<>();
      in.keySet().forEach(d -> domains.put(d, true));
      out.keySet().forEach(d -> domains.put(d, true));
      for (String domain : domains.keySet()) {
        peers.add(
            row(
                t.protocol(),
                domain,
                "",
                "",
                in.getOrDefault(domain, 0L),
                out.getOrDefault(domain, 0L)));
      }
      t.refusals()
          .byKey()
          .forEach((reason, count) -> refusals.add(refusal(t.protocol(), reason, count)));
      totals.put(t.protocol() + " in", t.in().total());
      totals.put(t.protocol() + " out", t.out().total());
    }
    Map<String, Long> closedReasons = new TreeMap<>();
    for (ClosedSession closed : proxy.recentlyClosed()) {
      if (!closed.reason().equals("closed")) {
        closedReasons.merge(reasonCode(closed.reason()), 1L, Long::sum);
      }
    }
    closedReasons.forEach(
        (reason, count) -> refusals.add(refusal("TLS proxy (recent)", reason, count)));
    model.put("peerTraffic", peers);
    model.put("refusals", refusals);

    Map<String, Double> perMinute = traffic.ratesPerMinute();
    List<Map<String, Object>> rates = new ArrayList<>();
    totals.forEach(
        (key, total) -> {
          Map<String, Object> rate = new LinkedHashMap<>();
          rate.put("name", key);
          rate.put("total", total);
          Double value = perMinute.get(key);
          rate.put("perMinute", value == null ? "-" : String.format("%.1f", value));
          rates.add(rate);
        });
    model.put("rates", rates);
    model.put("rateSeconds", traffic.rateSpan().toSeconds());
  }

  /**
   * The stable words at the start of a close reason, without its free text: "client not-tls",
   * "client certificate-refused [UNTRUSTED_ROOT]", "inspection [TOO_LARGE]".
   */
  static String reasonCode(String reason) {
    List<String> kept = new ArrayList<>();
    for (String word : reason.trim().split("\\s+")) {
      if (kept.size() < 2 && word.matches("[a-z][a-z-]*")) {
        kept.add(word);
      } else if (word.matches("\\[[A-Z_]+\\]")) {
        kept.add(word);
        break;
      } else {
        break;
      }
    }
    return kept.isEmpty() ? "other" : String.join(" ", kept);
  }

  private static String host(String address) {
    if (address.startsWith("[")) {
      int close = address.indexOf(']');
      return close < 0 ? address : address.substring(1, close);
    }
    int colon = address.lastIndexOf(':');
    return colon > 0 && address.indexOf(':') == colon ? address.substring(0, colon) : address;
  }

  private static Map<String, Object> row(
      String protocol, String peer, String direction, String detail, long in, long out) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("protocol", protocol);
    row.put("peer", peer);
    row.put("direction", direction);
    row.put("detail", detail);
    row.put("in", in);
    row.put("out", out);
    return row;
  }

  private static Map<String, Object> refusal(String protocol, String reason, long count) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("protocol", protocol);
    row.put("reason", reason);
    row.put("count", count);
    return row;
  }
}
