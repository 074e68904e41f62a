package io.fedgate.appliance.admin;

import io.fedgate.appliance.s2s.S2sMonitor;
import io.fedgate.xmpp.s2s.S2sConnection;
import io.fedgate.xmpp.s2s.S2sFailure;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The live side of XMPP federation: {@code GET /api/v1/connections} (authenticated domain pairs),
 * {@code GET /api/v1/xmpp-federation/failures?domain=} (a domain's failure history) and {@code POST
 * /api/v1/xmpp-federation/test?domain=} (one outbound negotiation, step by step).
 */
final class S2sRoutes {
  private static final long TEST_TIMEOUT_SECONDS = 60;

  private final Supplier<S2sMonitor> s2s;

  S2sRoutes(Supplier<S2sMonitor> s2s) {
    this.s2s = s2s;
  }

  void register(Javalin app) {
    app.get("/api/v1/connections", this::connections);
    app.get("/api/v1/xmpp-federation/failures", this::failures);
    app.post("/api/v1/xmpp-federation/test", this::test);
  }

  private void connections(Context ctx) {
    S2sMonitor monitor = s2s.get();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("active", monitor.active());
    body.put("connections", monitor.connections().stream().map(S2sRoutes::view).toList());
    ctx.json(body);
  }

  private void failures(Context ctx) {
    String domain = domain(ctx);
    List<Map<String, Object>> failures =
        s2s.get().failures(domain).stream().map(S2sRoutes::view).toList();
    ctx.json(Map.of("domain", domain, "failures", failures));
  }

  private void test(Context ctx) throws Exception {
    String domain = domain(ctx);
    var steps =
        s2s.get().test(domain).toCompletableFuture().get(TEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    ctx.json(Map.of("domain", domain, "steps", steps));
  }

  private static String domain(Context ctx) {
    String domain = ctx.queryParam("domain");
    if (domain == null || domain.isBlank()) {
      throw new BadRequestResponse("domain is required");
    }
    return domain.trim().toLowerCase(java.util.Locale.ROOT);
  }

  private static Map<String, Object> view(S2sConnection c) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("localDomain", c.localDomain());
    view.put("remoteDomain", c.remoteDomain());
    view.put("direction", c.direction().name());
    view.put("peerAddress", c.peerAddress());
    view.put("tlsVersion", c.tlsVersion().orElse(""));
    view.put("cipherSuite", c.cipherSuite().orElse(""));
    view.put("authMethod", c.authMethod().name());
    view.put("since", c.since().toString());
    view.put("stanzasIn", c.stanzasIn());
    view.put("stanzasOut", c.stanzasOut());
    return view;
  }

  private static Map<String, Object> view(S2sFailure f) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("at", f.at().toString());
    view.put("direction", f.direction().name());
    view.put("localDomain", f.localDomain());
    view.put("remoteDomain", f.remoteDomain());
    view.put("peerAddress", f.peerAddress());
    view.put("reason", f.reason().name());
    view.put("detail", f.detail());
    return view;
  }
}
