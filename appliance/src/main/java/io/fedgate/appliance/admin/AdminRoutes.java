package io.fedgate.appliance.admin;

import io.fedgate.appliance.doctor.DoctorReport;
import io.fedgate.appliance.params.ParameterCatalog;
import io.fedgate.appliance.params.RuntimeParameters;
import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.service.ServiceState;
import io.fedgate.appliance.service.ServiceStatus;
import io.fedgate.appliance.store.AuditEntry;
import io.fedgate.appliance.store.AuditJson;
import io.fedgate.appliance.tlsproxy.TlsProxyRoutes;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import java.util.List;
import java.util.Map;

/** The admin endpoint's routes. Everything under /api and /metrics needs authentication. */
final class AdminRoutes {
  private final Javalin app;
  private final Authenticator auth;
  private final NodeControl node;
  private final MetricsEndpoint metrics;

  AdminRoutes(Javalin app, Authenticator auth, NodeControl node, MetricsEndpoint metrics) {
    this.app = app;
    this.auth = auth;
    this.node = node;
    this.metrics = metrics;
  }

  void register() {
    app.before("/api/*", auth::requireApi);
    app.before("/metrics", auth::requireApi);
    app.before("/admin/*", this::pageGate);
    app.before("/admin", this::pageGate);
    app.get("/health", this::health);
    app.get(
        "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
    app.get("/api/v1/status", ctx -> ctx.json(node.status()));
    app.get(
        "/api/v1/openapi.json", ctx -> ctx.json(OpenApiDocument.build(node.status().version())));
    app.get("/api/v1/services", ctx -> ctx.json(AdminViews.services(node.services().statuses())));
    app.get("/api/v1/dashboard", this::dashboard);
    app.post("/api/v1/services/{name}/{action}", this::control);
    app.get("/api/v1/parameters", this::parameters);
    app.put("/api/v1/parameters/{name}", this::setParameter);
    app.get("/api/v1/audit", this::audit);
    app.get("/api/v1/doctor/{domain}", this::doctor);
    app.post("/api/v1/doctor/{domain}", this::doctor);
    app.get("/", ctx -> ctx.redirect("/admin/"));
    new FederationRoutes(node::federation).register(app);
    new XmppFederationRoutes(node::federation).register(app);
    new S2sRoutes(node::s2s).register(app);
    new CertificateRoutes(node::certificates, node::tlsSettings).register(app);
    new UserRoutes(node::users).register(app);
    new TlsProxyRoutes(node::services).register(app);
  }

  /** The Dashboard's figures as JSON (the same model the page renders). */
  private void dashboard(Context ctx) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    DashboardTraffic.fill(body, node);
    body.put("guard", node.federation().guard().snapshot());
    ctx.json(body);
  }

  /** Runs the Federation Doctor on this request thread (Jetty's pool, not an event loop). */
  private void doctor(Context ctx) {
    DoctorReport report = node.doctor().run(ctx.pathParam("domain"));
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("domain", report.domain());
    body.put("overall", report.overall());
    body.put("started", report.started());
    body.put("millis", report.millis());
    body.put("steps", report.steps());
    ctx.json(body);
  }

  private void health(Context ctx) {
    List<ServiceStatus> statuses = node.services().statuses();
    boolean failed = statuses.stream().anyMatch(s -> s.state() == ServiceState.FAILED);
    ctx.status(failed ? 503 : 200)
        .json(
            Map.of(
                "status",
                failed ? "DEGRADED" : "UP",
                "services",
                statuses.stream()
                    .collect(
                        java.util.stream.Collectors.toMap(
                            s -> s.name().displayName(), s -> s.state().name()))));
  }

  private void control(Context ctx) {
    ServiceName name =
        ServiceName.parse(ctx.pathParam("name"))
            .orElseThrow(
                () -> new NotFoundResponse("no service named '" + ctx.pathParam("name") + "'"));
    List<ServiceStatus> result =
        switch (ctx.pathParam("action")) {
          case "start" -> node.services().start(name);
          case "stop" -> node.services().stop(name);
          case "restart" -> node.services().restart(name);
          default -> throw new BadRequestResponse("action must be start, stop or restart");
        };
    node.audit(
        ctx.attribute(Authenticator.ACTOR),
        "service",
        name.displayName(),
        AuditEntry.ChangeKind.UPDATE,
        null,
        AuditJson.of(Map.of("action", ctx.pathParam("action"))));
    ctx.json(
        Map.of(
            "service",
            name.displayName(),
            "state",
            node.services().status(name).state().name(),
            "affected",
            AdminViews.services(result)));
  }

  private void parameters(Context ctx) {
    Map<String, String> values = node.parameters().values();
    ctx.json(
        ParameterCatalog.all().stream()
            .map(
                d ->
                    Map.of(
                        "name", d.name(),
                        "value", values.get(d.name()),
                        "default", d.defaultValue(),
                        "live", d.live(),
                        "affects",
                            d.affects().stream().map(ServiceName::displayName).sorted().toList(),
                        "description", d.description()))
            .toList());
  }

  private void setParameter(Context ctx) {
    Map<?, ?> body;
    try {
      body = ctx.bodyAsClass(Map.class);
    } catch (Exception e) { // Jackson's checked exceptions arrive undeclared through Kotlin

      throw new BadRequestResponse("body must be JSON like {\"value\": \"...\"}");
    }
    Object value = body.get("value");
    if (value == null) {
      throw new BadRequestResponse("body must be JSON like {\"value\": \"...\"}");
    }
    String actor = ctx.attribute(Authenticator.ACTOR);
    RuntimeParameters.Outcome outcome =
        node.parameters().set(actor, ctx.pathParam("name"), value.toString());
    if (outcome instanceof RuntimeParameters.Outcome.Refused refused) {
      ctx.status(422).json(Map.of("error", "invalid parameter", "problems", refused.problems()));
    } else {
      ctx.json(outcome);
    }
  }

  private void audit(Context ctx) {
    int limit;
    try {
      limit = Integer.parseInt(ctx.queryParamAsClass("limit", String.class).getOrDefault("50"));
    } catch (NumberFormatException e) {
      throw new BadRequestResponse("limit must be a number");
    }
    ctx.json(node.recentAudit(Math.max(1, Math.min(limit, 1000))));
  }

  /**
   * Before the pages: 503 while the Admin Web service is not running, then a session (the login
   * page and the style sheet excepted).
   */
  private void pageGate(Context ctx) {
    if (node.services().status(ServiceName.ADMIN_WEB).state() != ServiceState.RUNNING) {
      throw new ServiceUnavailableResponse("the Admin Web service is stopped");
    }
    String path = ctx.path();
    if (path.equals("/admin/login") || path.startsWith("/admin/static/")) {
      Pages.secureHeaders(ctx);
      return;
    }
    auth.requirePage(ctx);
  }
}
