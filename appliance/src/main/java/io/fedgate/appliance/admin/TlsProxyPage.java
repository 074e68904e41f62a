package io.fedgate.appliance.admin;

import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.tlsproxy.TlsProxyService;
import io.fedgate.tlsproxy.config.PatMapping;
import io.fedgate.tlsproxy.config.ProxyConfig;
import io.fedgate.tlsproxy.config.ProxyInstance;
import io.fedgate.tlsproxy.netty.TlsProxyServer;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TLS Proxy page: the running instances (where they listen and where they re-originate), {@code
 * show tls-proxy sessions} (outside peer, inside target, protocol and suite of both legs, bytes
 * both ways, since), the recently closed sessions with their reasons and the access-list hit
 * counters. Read-only: it only reads what the TLS Proxy service already keeps (the same as {@code
 * GET /api/v1/tls-proxy/sessions|acl}).
 */
final class TlsProxyPage {
  private final NodeControl node;
  private final Pages pages;

  TlsProxyPage(NodeControl node, Pages pages) {
    this.node = node;
    this.pages = pages;
  }

  void register(Javalin app) {
    app.get("/admin/tls-proxy", this::show);
  }

  private void show(Context ctx) {
    TlsProxyService proxy = (TlsProxyService) node.services().component(ServiceName.TLS_PROXY);
    Optional<TlsProxyServer> server = proxy.server();
    Map<String, Object> model = new HashMap<>();
    model.put("title", "TLS Proxy");
    model.put("service", node.services().status(ServiceName.TLS_PROXY));
    model.put("running", server.isPresent());
    model.put("instances", server.map(TlsProxyPage::instances).orElse(List.of()));
    model.put("sessions", proxy.sessions());
    model.put("closed", proxy.recentlyClosed());
    model.put("counters", proxy.aclCounters());
    pages.render(ctx, "tls-proxy", model);
  }

  /** One row per instance: name, direction, listening and re-originating endpoints, TLS. */
  private static List<Map<String, Object>> instances(TlsProxyServer server) {
    ProxyConfig config = server.config();
    Map<String, InetSocketAddress> bound = server.boundListeners();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ProxyInstance instance : config.instances()) {
      List<String> listens = new ArrayList<>();
      bound.forEach(
          (key, address) -> {
            if (key.startsWith(instance.name() + " ")) {
              listens.add(
                  key.substring(instance.name().length() + 1)
                      + " (bound "
                      + address.getAddress().getHostAddress()
                      + ":"
                      + address.getPort()
                      + ")");
            }
          });
      List<String> targets = new ArrayList<>();
      instance.target().ifPresent(t -> targets.add(t.toString()));
      for (PatMapping mapping : config.mappingsOf(instance.name())) {
        targets.add(mapping.outside() + " -> " + mapping.inside());
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", instance.name());
      row.put("direction", instance.direction().name());
      row.put("listen", listens.stream().sorted().toList());
      row.put("targets", targets);
      row.put("upstreamName", instance.upstreamName());
      row.put("protocols", String.join(", ", instance.protocols()));
      row.put("suites", instance.cipherSuites().size());
      row.put("accessList", instance.accessList());
      row.put("peerSubjects", String.join(", ", instance.peerSubjects()));
      row.put("sipInspection", instance.sipInspection());
      rows.add(row);
    }
    return rows;
  }
}
