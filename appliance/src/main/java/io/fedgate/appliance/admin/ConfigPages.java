package io.fedgate.appliance.admin;

import static io.fedgate.appliance.admin.PageForms.actor;
import static io.fedgate.appliance.admin.PageForms.checkbox;
import static io.fedgate.appliance.admin.PageForms.done;
import static io.fedgate.appliance.admin.PageForms.field;

import io.fedgate.acl.incoming.AclEntry;
import io.fedgate.acl.incoming.AclEntryType;
import io.fedgate.acl.policy.ExceptionDirection;
import io.fedgate.acl.policy.PolicyAction;
import io.fedgate.appliance.certs.TlsContextUpdate;
import io.fedgate.appliance.certs.TlsSettingsAdmin;
import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.appliance.federation.PolicyAdmin.Protocol;
import io.fedgate.appliance.store.JdbcSipDomains.IntegrationType;
import io.fedgate.appliance.store.JdbcSipDomains.SipDomain;
import io.fedgate.appliance.store.JdbcStaticRoutes.Stored;
import io.fedgate.certstore.tls.TlsContext;
import io.fedgate.core.config.ConfigProblem;
import io.fedgate.routes.RouteType;
import io.fedgate.routes.StaticRoute;
import io.fedgate.routes.Transport;
import io.fedgate.routes.lint.PatternLint;
import io.fedgate.routes.pattern.ReversedPattern;
import io.fedgate.routes.select.RouteExplanation;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The federation configuration pages: SIP Federated Domains, Static Routes (with the pattern helper
 * and the route explainer), TLS Peer Subjects, TLS Context Configuration, Incoming ACL and the
 * federation policies. A refused change re-shows the form with what was typed and every problem
 * next to its field (422); an accepted one redirects with a message that says which services need a
 * restart.
 */
final class ConfigPages {
  private final NodeControl node;
  private final Pages pages;

  ConfigPages(NodeControl node, Pages pages) {
    this.node = node;
    this.pages = pages;
  }

  void register(Javalin app) {
    app.get("/admin/sip-federated-domains", ctx -> sipDomains(ctx, 200, Map.of(), Map.of()));
    app.post("/admin/sip-federated-domains", this::addSipDomain);
    app.get("/admin/sip-federated-domains/{name}", ctx -> editSipDomain(ctx, 200, Map.of(), null));
    app.post("/admin/sip-federated-domains/{name}", this::updateSipDomain);
    app.post("/admin/sip-federated-domains/{name}/delete", this::removeSipDomain);

    app.get("/admin/static-routes", ctx -> routes(ctx, 200, Map.of(), Map.of()));
    app.post("/admin/static-routes", this::addRoute);
    app.get("/admin/static-routes/{id}", ctx -> editRoute(ctx, 200, Map.of(), null));
    app.post("/admin/static-routes/{id}", this::updateRoute);
    app.post("/admin/static-routes/{id}/delete", this::removeRoute);

    app.get("/admin/tls-peer-subjects", ctx -> subjects(ctx, 200, Map.of(), Map.of()));
    app.post("/admin/tls-peer-subjects", this::addSubject);
    app.post("/admin/tls-peer-subjects/{name}/delete", this::removeSubject);

    app.get("/admin/tls-contexts", this::contexts);
    app.get("/admin/tls-contexts/{name}", ctx -> editContext(ctx, 200, Map.of(), null));
    app.post("/admin/tls-contexts/{name}", this::updateContext);

    app.get("/admin/incoming-acl", ctx -> acl(ctx, 200, Map.of(), Map.of()));
    app.post("/admin/incoming-acl", this::addAcl);
    app.post("/admin/incoming-acl/delete", this::removeAcl);

    app.get("/admin/policy/{protocol}", ctx -> policy(ctx, 200, Map.of(), Map.of()));
    app.post("/admin/policy/{protocol}/default", this::setPolicyDefault);
    app.post("/admin/policy/{protocol}/exceptions", this::addPolicyException);
    app.post("/admin/policy/{protocol}/exceptions/delete", this::removePolicyException);
  }

  // --- SIP Federated Domains ---

  private void sipDomains(
      Context ctx, int status, Map<String, String> errors, Map<String, ?> form) {
    Map<String, Object> model = model("SIP Federated Domains", errors, form);
    model.put("domains", node.federation().sipDomains().list());
    model.put("types", IntegrationType.values());
    ctx.status(status);
    pages.render(ctx, "sip-domains", model);
  }

  private void addSipDomain(Context ctx) {
    List<ConfigProblem> problems = new ArrayList<>();
    IntegrationType type =
        choice(problems, "integrationType", field(ctx, "integrationType"), IntegrationType.class);
    String routing = field(ctx, "defaultRoutingDomain");
    SipDomain domain =
        new SipDomain(
            0,
            field(ctx, "domainName"),
            field(ctx, "description"),
            type == null ? IntegrationType.LYNC : type,
            checkbox(ctx, "directFederation"),
            routing.isEmpty() ? null : routing);
    ConfigResult<SipDomain> result =
        problems.isEmpty()
            ? node.federation().sipDomains().add(actor(ctx), domain)
            : ConfigResult.refused(problems);
    if (result instanceof ConfigResult.Refused<SipDomain> refused) {
      sipDomains(ctx, 422, PageForms.byField(refused.problems()), formOf(ctx));
      return;
    }
    done(
        ctx,
        "SIP federated domain " + domain.domainName() + " added." + PageForms.effect(result),
        "/admin/sip-federated-domains");
  }

  private SipDomain storedSipDomain(Context ctx) {
    String name = ctx.pathParam("name").trim().toLowerCase(Locale.ROOT);
    return node.federation().sipDomains().list().stream()
        .filter(d -> d.domainName().equals(name))
        .findFirst()
        .orElseThrow(() -> new NotFoundResponse("no SIP federated domain '" + name + "'"));
  }

  private void editSipDomain(
      Context ctx, int status, Map<String, String> errors, Map<String, ?> form) {
    SipDomain domain = storedSipDomain(ctx);
    Map<String, Object> shown = new HashMap<>();
    if (form == null) {
      shown.put("description", domain.description());
      shown.put("integrationType", domain.integrationType().name());
      shown.put("directFederation", domain.directFederation() ? "on" : "");
      shown.put(
          "defaultRoutingDomain",
          domain.defaultRoutingDomain() == null ? "" : domain.defaultRoutingDomain());
    } else {
      shown.putAll(form);
    }
    Map<String, Object> model = model("SIP Federated Domain " + domain.domainName(), errors, shown);
    model.put("domain", domain);
    model.put("types", IntegrationType.values());
    ctx.status(status);
    pages.render(ctx, "sip-domain-edit", model);
  }

  private void updateSipDomain(Context ctx) {
    SipDomain stored = storedSipDomain(ctx);
    List<ConfigProblem> problems = new ArrayList<>();
    IntegrationType type =
        choice(problems, "integrationType", field(ctx, "integrationType"), IntegrationType.class);
    String routing = field(ctx, "defaultRoutingDomain");
    SipDomain domain =
        new SipDomain(
            stored.id(),
            stored.domainName(),
            field(ctx, "description"),
            type == null ? stored.integrationType() : type,
            checkbox(ctx, "directFederation"),
            routing.isEmpty() ? null : routing);
    ConfigResult<SipDomain> result =
        problems.isEmpty()
            ? node.federation().sipDomains().update(actor(ctx), domain)
            : ConfigResult.refused(problems);
    if (result instanceof ConfigResult.Refused<SipDomain> refused) {
      editSipDomain(ctx, 422, PageForms.byField(refused.problems()), formOf(ctx));
      return;
    }
    done(
        ctx,
        "SIP federated domain " + stored.domainName() + " saved." + PageForms.effect(result),
        "/admin/sip-federated-domains");
  }

  private void removeSipDomain(Context ctx) {
    String name = ctx.pathParam("name");
    ConfigResult<SipDomain> result = node.federation().sipDomains().remove(actor(ctx), name);
    if (result instanceof ConfigResult.Refused<SipDomain> refused) {
      sipDomains(ctx, 422, PageForms.byField(refused.problems()), Map.of());
      return;
    }
    done(
        ctx,
        "SIP federated domain " + name + " removed." + PageForms.effect(result),
        "/admin/sip-federated-domains");
  }

  // --- Static Routes ---

  private void routes(Context ctx, int status, Map<String, String> errors, Map<String, ?> form) {
    Map<String, Object> model =
        model(
            "Static Routes",
            errors,
            form.isEmpty() ? routeForm(StaticRoute.builder("").build()) : form);
    model.put("routes", node.federation().routes().list());
    model.put("routeTypes", RouteType.values());
    model.put("protocols", Transport.values());
    String domain = ctx.queryParam("domain");
    if (domain != null && !domain.isBlank()) {
      String pattern = ReversedPattern.forDomain(domain.trim());
      model.put("helperDomain", domain.trim());
      model.put("helperPattern", pattern);
      model.put("helperLint", PatternLint.lintPattern(pattern, RouteType.DOMAIN));
    }
    String address = ctx.queryParam("address");
    if (address != null && !address.isBlank()) {
      model.put("explainAddress", address.trim());
      ConfigResult<RouteExplanation> explained = node.federation().routes().explain(address.trim());
      if (explained instanceof ConfigResult.Done<RouteExplanation> ok) {
        model.put("explainLines", ok.value().lines());
      } else if (explained instanceof ConfigResult.Refused<RouteExplanation> refused) {
        model.put(
            "explainLines",
            refused.problems().stream().map(p -> p.field() + ": " + p.message()).toList());
      }
    }
    ctx.status(status);
    pages.render(ctx, "static-routes", model);
  }

  private void addRoute(Context ctx) {
    List<ConfigProblem> problems = new ArrayList<>();
    StaticRoute route = route(ctx, problems, StaticRoute.builder(field(ctx, "destinationPattern")));
    ConfigResult<?> result =
        problems.isEmpty()
            ? node.federation().routes().add(actor(ctx), route)
            : ConfigResult.refused(withRouteProblems(problems, route));
    if (result instanceof ConfigResult.Refused<?> refused) {
      routes(ctx, 422, PageForms.byField(refused.problems()), formOf(ctx));
      return;
    }
    done(
        ctx,
        "Static route " + route.destinationPattern() + " added." + PageForms.effect(result),
        "/admin/static-routes");
  }

  private void editRoute(Context ctx, int status, Map<String, String> errors, Map<String, ?> form) {
    Stored stored = storedRoute(ctx);
    Map<String, Object> model =
        model("Edit static route", errors, form == null ? routeForm(stored.route()) : form);
    model.put("id", stored.id());
    model.put("routeTypes", RouteType.values());
    model.put("protocols", Transport.values());
    ctx.status(status);
    pages.render(ctx, "static-route-edit", model);
  }

  private void updateRoute(Context ctx) {
    Stored stored = storedRoute(ctx);
    List<ConfigProblem> problems = new ArrayList<>();
    StaticRoute.Builder builder = stored.route().toBuilder();
    builder.destinationPattern(field(ctx, "destinationPattern"));
    StaticRoute route = route(ctx, problems, builder);
    ConfigResult<?> result =
        problems.isEmpty()
            ? node.federation().routes().update(actor(ctx), stored.id(), route)
            : ConfigResult.refused(withRouteProblems(problems, route));
    if (result instanceof ConfigResult.Refused<?> refused) {
      editRoute(ctx, 422, PageForms.byField(refused.problems()), formOf(ctx));
      return;
    }
    done(
        ctx,
        "Static route " + route.destinationPattern() + " saved." + PageForms.effect(result),
        "/admin/static-routes");
  }

  private void removeRoute(Context ctx) {
    Stored stored = storedRoute(ctx);
    ConfigResult<Stored> result = node.federation().routes().remove(actor(ctx), stored.id());
    if (result instanceof ConfigResult.Refused<Stored> refused) {
      routes(ctx, 422, PageForms.byField(refused.problems()), Map.of());
      return;
    }
    done(
        ctx,
        "Static route "
            + stored.route().destinationPattern()
            + " removed."
            + PageForms.effect(result),
        "/admin/static-routes");
  }

  private Stored storedRoute(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new NotFoundResponse("no static route '" + ctx.pathParam("id") + "'");
    }
    return node.federation().routes().list().stream()
        .filter(s -> s.id() == id)
        .findFirst()
        .orElseThrow(() -> new NotFoundResponse("no static route with id " + id));
  }

  private static StaticRoute route(
      Context ctx, List<ConfigProblem> problems, StaticRoute.Builder builder) {
    StaticRoute base = builder.build();
    RouteType type = choice(problems, "routeType", field(ctx, "routeType"), RouteType.class);
    Transport protocol = choice(problems, "protocol", field(ctx, "protocol"), Transport.class);
    return builder
        .description(field(ctx, "description"))
        .nextHop(field(ctx, "nextHop"))
        .nextHopPort(number(problems, "nextHopPort", field(ctx, "nextHopPort"), base.nextHopPort()))
        .routeType(type == null ? base.routeType() : type)
        .protocol(protocol == null ? base.protocol() : protocol)
        .priority(number(problems, "priority", field(ctx, "priority"), base.priority()))
        .weight(number(problems, "weight", field(ctx, "weight"), base.weight()))
        .allowLessSpecific(checkbox(ctx, "allowLessSpecific"))
        .inService(checkbox(ctx, "inService"))
        .blocked(checkbox(ctx, "blocked"))
        .build();
  }

  /**
   * The fields that did not even parse, plus what the route validator finds in the others, so a
   * form with several bad fields names every one at once.
   */
  static List<ConfigProblem> withRouteProblems(List<ConfigProblem> parse, StaticRoute route) {
    List<ConfigProblem> all = new ArrayList<>(parse);
    java.util.Set<String> seen = new java.util.HashSet<>();
    parse.forEach(p -> seen.add(p.field()));
    for (io.fedgate.routes.RouteProblem problem :
        io.fedgate.routes.RouteValidator.validate(route)) {
      if (!seen.contains(problem.field())) {
        all.add(new ConfigProblem(problem.field(), problem.message()));
      }
    }
    return all;
  }

  private static Map<String, Object> routeForm(StaticRoute route) {
    Map<String, Object> form = new HashMap<>();
    form.put("destinationPattern", route.destinationPattern());
    form.put("description", route.description());
    form.put("nextHop", route.nextHop());
    form.put("nextHopPort", String.valueOf(route.nextHopPort()));
    form.put("routeType", route.routeType().name());
    form.put("protocol", route.protocol().name());
    form.put("priority", String.valueOf(route.priority()));
    form.put("weight", String.valueOf(route.weight()));
    form.put("allowLessSpecific", route.allowLessSpecific() ? "on" : "");
    form.put("inService", route.inService() ? "on" : "");
    form.put("blocked", route.blocked() ? "on" : "");
    return form;
  }

  // --- TLS Peer Subjects ---

  private void subjects(Context ctx, int status, Map<String, String> errors, Map<String, ?> form) {
    Map<String, Object> model = model("TLS Peer Subjects", errors, form);
    model.put("subjects", node.tlsSettings().peerSubjects());
    ctx.status(status);
    pages.render(ctx, "tls-peer-subjects", model);
  }

  private void addSubject(Context ctx) {
    String name = field(ctx, "name");
    TlsSettingsAdmin.Result result =
        node.tlsSettings().addPeerSubject(actor(ctx), name, field(ctx, "description"));
    Optional<Map<String, String>> errors = tlsErrors(result);
    if (errors.isPresent()) {
      subjects(ctx, 422, errors.get(), formOf(ctx));
      return;
    }
    done(
        ctx,
        "TLS peer subject " + name + " added." + tlsEffect(result),
        "/admin/tls-peer-subjects");
  }

  private void removeSubject(Context ctx) {
    String name = ctx.pathParam("name");
    TlsSettingsAdmin.Result result = node.tlsSettings().removePeerSubject(actor(ctx), name);
    Optional<Map<String, String>> errors = tlsErrors(result);
    if (errors.isPresent()) {
      subjects(ctx, 422, errors.get(), Map.of());
      return;
    }
    done(
        ctx,
        "TLS peer subject " + name + " removed." + tlsEffect(result),
        "/admin/tls-peer-subjects");
  }

  // --- TLS Context Configuration ---

  private void contexts(Context ctx) {
    Map<String, Object> model = model("TLS Context Configuration", Map.of(), Map.of());
    model.put("contexts", node.tlsSettings().contexts());
    pages.render(ctx, "tls-contexts", model);
  }

  private void editContext(
      Context ctx, int status, Map<String, String> errors, Map<String, ?> form) {
    TlsContext context =
        node.tlsSettings()
            .context(ctx.pathParam("name"))
            .orElseThrow(
                () -> new NotFoundResponse("no TLS context '" + ctx.pathParam("name") + "'"));
    Map<String, Object> shown = new HashMap<>();
    if (form == null) {
      shown.put("description", context.description());
      shown.put("protocols", String.join(",", context.protocols()));
      shown.put("cipherProfile", context.cipherProfile().name());
      shown.put("cipherSuites", String.join(",", context.cipherSuites()));
      shown.put("peerSubjects", String.join(",", context.peerSubjects()));
      shown.put("disableEmptyTlsFragments", context.disableEmptyTlsFragments() ? "on" : "");
    } else {
      shown.putAll(form);
    }
    Map<String, Object> model =
        model("TLS Context Configuration: " + context.name(), errors, shown);
    model.put("context", context);
    model.put("subjects", node.tlsSettings().peerSubjects());
    ctx.status(status);
    pages.render(ctx, "tls-context-edit", model);
  }

  private void updateContext(Context ctx) {
    String name = ctx.pathParam("name");
    TlsContextUpdate update =
        new TlsContextUpdate(
            field(ctx, "description"),
            list(field(ctx, "protocols")),
            field(ctx, "cipherProfile"),
            list(field(ctx, "cipherSuites")),
            list(field(ctx, "peerSubjects")),
            Boolean.toString(checkbox(ctx, "disableEmptyTlsFragments")));
    TlsSettingsAdmin.Result result = node.tlsSettings().updateContext(actor(ctx), name, update);
    Optional<Map<String, String>> errors = tlsErrors(result);
    if (errors.isPresent()) {
      editContext(ctx, 422, errors.get(), formOf(ctx));
      return;
    }
    done(ctx, "TLS context " + name + " saved." + tlsEffect(result), "/admin/tls-contexts");
  }

  private static List<String> list(String text) {
    if (text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
  }

  private static Optional<Map<String, String>> tlsErrors(TlsSettingsAdmin.Result result) {
    if (result instanceof TlsSettingsAdmin.Result.Refused refused) {
      return Optional.of(PageForms.byField(refused.problems()));
    }
    if (result instanceof TlsSettingsAdmin.Result.NotFound missing) {
      return Optional.of(Map.of("name", missing.message()));
    }
    return Optional.empty();
  }

  private static String tlsEffect(TlsSettingsAdmin.Result result) {
    if (result instanceof TlsSettingsAdmin.Result.Changed changed
        && !changed.restartRequired().isEmpty()) {
      return " Restart required: "
          + String.join(", ", CertificateJson.names(changed.restartRequired()))
          + " (see the Control Center).";
    }
    return "";
  }

  // --- Incoming ACL ---

  private void acl(Context ctx, int status, Map<String, String> errors, Map<String, ?> form) {
    Map<String, Object> model = model("Incoming ACL", errors, form);
    model.put("entries", node.federation().acl().list());
    model.put("types", AclEntryType.values());
    ctx.status(status);
    pages.render(ctx, "incoming-acl", model);
  }

  private void addAcl(Context ctx) {
    List<ConfigProblem> problems = new ArrayList<>();
    AclEntryType type = choice(problems, "type", field(ctx, "type"), AclEntryType.class);
    AclEntry entry =
        new AclEntry(
            type == null ? AclEntryType.FQDN : type,
            field(ctx, "pattern"),
            field(ctx, "description"),
            false);
    ConfigResult<AclEntry> result =
        problems.isEmpty()
            ? node.federation().acl().add(actor(ctx), entry)
            : ConfigResult.refused(problems);
    if (result instanceof ConfigResult.Refused<AclEntry> refused) {
      acl(ctx, 422, PageForms.byField(refused.problems()), formOf(ctx));
      return;
    }
    done(
        ctx,
        "ACL entry " + entry.pattern() + " added." + PageForms.effect(result),
        "/admin/incoming-acl");
  }

  private void removeAcl(Context ctx) {
    List<ConfigProblem> problems = new ArrayList<>();
    AclEntryType type = choice(problems, "type", field(ctx, "type"), AclEntryType.class);
    String pattern = field(ctx, "pattern");
    ConfigResult<AclEntry> result =
        problems.isEmpty()
            ? node.federation().acl().remove(actor(ctx), type, pattern)
            : ConfigResult.refused(problems);
    if (result instanceof ConfigResult.Refused<AclEntry> refused) {
      acl(ctx, 422, PageForms.byField(refused.problems()), Map.of());
      return;
    }
    done(
        ctx,
        "ACL entry " + pattern + " removed." + PageForms.effect(result),
        "/admin/incoming-acl");
  }

  // --- Federation policy ---

  private Protocol protocol(Context ctx) {
    try {
      return Protocol.valueOf(ctx.pathParam("protocol").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new NotFoundResponse("no policy for '" + ctx.pathParam("protocol") + "'");
    }
  }

  private void policy(Context ctx, int status, Map<String, String> errors, Map<String, ?> form) {
    Protocol protocol = protocol(ctx);
    Map<String, Object> model =
        model(
            protocol == Protocol.XMPP ? "XMPP Federation Policy" : "SIP Federation Policy",
            errors,
            form);
    model.put("protocol", protocol.name().toLowerCase(Locale.ROOT));
    model.put("policy", node.federation().policy().show(protocol));
    model.put("actions", PolicyAction.values());
    model.put("directions", ExceptionDirection.values());
    ctx.status(status);
    pages.render(ctx, "policy", model);
  }

  private void setPolicyDefault(Context ctx) {
    Protocol protocol = protocol(ctx);
    List<ConfigProblem> problems = new ArrayList<>();
    PolicyAction action = choice(problems, "default", field(ctx, "default"), PolicyAction.class);
    ConfigResult<?> result =
        problems.isEmpty()
            ? node.federation().policy().setDefault(actor(ctx), protocol, action)
            : ConfigResult.refused(problems);
    policyDone(ctx, result, "Default policy set to " + field(ctx, "default") + ".");
  }

  private void addPolicyException(Context ctx) {
    Protocol protocol = protocol(ctx);
    List<ConfigProblem> problems = new ArrayList<>();
    ExceptionDirection direction =
        choice(problems, "direction", field(ctx, "direction"), ExceptionDirection.class);
    ConfigResult<?> result =
        problems.isEmpty()
            ? node.federation()
                .policy()
                .addException(actor(ctx), protocol, field(ctx, "domain"), direction)
            : ConfigResult.refused(problems);
    policyDone(ctx, result, "Exception " + field(ctx, "domain") + " added.");
  }

  private void removePolicyException(Context ctx) {
    Protocol protocol = protocol(ctx);
    List<ConfigProblem> problems = new ArrayList<>();
    ExceptionDirection direction =
        choice(problems, "direction", field(ctx, "direction"), ExceptionDirection.class);
    ConfigResult<?> result =
        problems.isEmpty()
            ? node.federation()
                .policy()
                .removeException(actor(ctx), protocol, field(ctx, "domain"), direction)
            : ConfigResult.refused(problems);
    policyDone(ctx, result, "Exception " + field(ctx, "domain") + " removed.");
  }

  private void policyDone(Context ctx, ConfigResult<?> result, String message) {
    if (result instanceof ConfigResult.Refused<?> refused) {
      policy(ctx, 422, PageForms.byField(refused.problems()), formOf(ctx));
      return;
    }
    done(ctx, message + PageForms.effect(result), "/admin/policy/" + ctx.pathParam("protocol"));
  }

  // --- helpers ---

  private static Map<String, Object> model(
      String title, Map<String, String> errors, Map<String, ?> form) {
    Map<String, Object> model = new HashMap<>();
    model.put("title", title);
    model.put("errors", errors);
    model.put("form", form);
    return model;
  }

  /** What was typed, to show again next to the problems (never a password or a secret). */
  static Map<String, String> formOf(Context ctx) {
    Map<String, String> form = new LinkedHashMap<>();
    ctx.formParamMap()
        .forEach(
            (name, values) -> {
              if (!name.startsWith("_")
                  && !name.toLowerCase(Locale.ROOT).contains("password")
                  && !name.toLowerCase(Locale.ROOT).contains("secret")
                  && !values.isEmpty()) {
                form.put(name, values.get(0));
              }
            });
    return form;
  }

  static <E extends Enum<E>> E choice(
      List<ConfigProblem> problems, String field, String text, Class<E> type) {
    String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(wanted)) {
        return constant;
      }
    }
    problems.add(
        new ConfigProblem(
            field,
            "'"
                + text
                + "' is not one of "
                + Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(Locale.ROOT))
                    .toList()));
    return null;
  }

  static int number(List<ConfigProblem> problems, String field, String text, int fallback) {
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      problems.add(new ConfigProblem(field, "must be a whole number, not '" + text + "'"));
      return fallback;
    }
  }
}
