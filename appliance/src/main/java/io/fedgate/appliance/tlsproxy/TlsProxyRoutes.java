package io.fedgate.appliance.tlsproxy;

import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.service.ServiceRegistry;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/tls-proxy/sessions} ({@code show tls-proxy sessions}: open sessions and the
 * recently closed ones with their reasons) and {@code GET /api/v1/tls-proxy/acl} (hit counters).
 */
public final class TlsProxyRoutes {
  private final Supplier<ServiceRegistry> services;

  public TlsProxyRoutes(Supplier<ServiceRegistry> services) {
    this.services = services;
  }

  public void register(Javalin app) {
    app.get("/api/v1/tls-proxy/sessions", this::sessions);
    app.get("/api/v1/tls-proxy/acl", this::acl);
  }

  private TlsProxyService proxy() {
    return (TlsProxyService) services.get().component(ServiceName.TLS_PROXY);
  }

  private void sessions(Context ctx) {
    TlsProxyService proxy = proxy();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("running", proxy.server().isPresent());
    body.put("sessions", proxy.sessions());
    body.put("recentlyClosed", proxy.recentlyClosed());
    ctx.json(body);
  }

  private void acl(Context ctx) {
    ctx.json(Map.of("running", proxy().server().isPresent(), "counters", proxy().aclCounters()));
  }
}
