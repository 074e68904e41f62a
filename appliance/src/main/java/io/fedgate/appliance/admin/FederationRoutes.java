package io.fedgate.appliance.admin;

import io.fedgate.acl.incoming.AclEntry;
import io.fedgate.acl.incoming.AclEntryType;
import io.fedgate.acl.policy.ExceptionDirection;
import io.fedgate.acl.policy.PolicyAction;
import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.appliance.federation.FederationAdmin;
import io.fedgate.appliance.federation.PolicyAdmin.Protocol;
import io.fedgate.appliance.store.JdbcSipDomains.IntegrationType;
import io.fedgate.appliance.store.JdbcSipDomains.SipDomain;
import io.fedgate.appliance.store.JdbcStaticRoutes.Stored;
import io.fedgate.routes.RouteType;
import io.fedgate.routes.StaticRoute;
import io.fedgate.routes.Transport;
import io.fedgate.routes.lint.PatternLint;
import io.fedgate.routes.pattern.ReversedPattern;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * REST API of the federation objects: static routes, incoming ACL, SIP federated domains,
 * federation policy and the open-federation guard. Every change is validated (422 with every
 * problem) and audited with the authenticated user.
 */
final class FederationRoutes {
  private final Supplier<FederationAdmin> federation;

  FederationRoutes(Supplier<FederationAdmin> federation) {
    this.federation = federation;
  }

  void register(Javalin app) {
    // the CLI's original names and the resource names (the OpenAPI document lists both)
    for (String base : List.of("/api/v1/routes", "/api/v1/static-routes")) {
      app.get(base, ctx -> ctx.json(federation.get().routes().list()));
      app.post(base, this::addRoute);
      app.get(base + "/explain", this::explain);
      app.get(base + "/pattern", this::pattern);
      app.put(base + "/{id}", this::updateRoute);
      app.delete(
          base + "/{id}", ctx -> send(ctx, federation.get().routes().remove(actor(ctx), id(ctx))));
    }
    for (String base : List.of("/api/v1/acl", "/api/v1/incoming-acl")) {
      app.get(base, ctx -> ctx.json(federation.get().acl().list()));
      app.post(base, this::addAcl);
      app.delete(base, this::removeAcl);
    }
    for (String base : List.of("/api/v1/sip-domains", "/api/v1/sip-federated-domains")) {
      app.get(base, ctx -> ctx.json(federation.get().sipDomains().list()));
      app.post(base, this::addSipDomain);
      app.put(base + "/{name}", this::updateSipDomain);
      app.delete(
          base + "/{name}",
          ctx ->
              send(ctx, federation.get().sipDomains().remove(actor(ctx), ctx.pathParam("name"))));
    }
    new PolicyAndGuardRoutes(federation).register(app);
  }

  private void addRoute(Context ctx) {
    JsonFields body = JsonFields.of(ctx);
    StaticRoute route = route(body, StaticRoute.builder(body.string("destinationPattern", "")));
    if (!body.problems().isEmpty()) {
      ResultResponses.invalid(ctx, ConfigPages.withRouteProblems(body.problems(), route));
      return;
    }
    send(ctx, federation.get().routes().add(actor(ctx), route));
  }

  private void updateRoute(Context ctx) {
    long id = id(ctx);
    Stored existing =
        federation.get().routes().list().stream()
            .filter(s -> s.id() == id)
            .findFirst()
            .orElse(null);
    if (existing == null) {
      send(ctx, ConfigResult.refused("id", "no static route with id " + id));
      return;
    }
    JsonFields body = JsonFields.of(ctx);
    StaticRoute.Builder builder = existing.route().toBuilder();
    builder.destinationPattern(
        body.string("destinationPattern", existing.route().destinationPattern()));
    StaticRoute route = route(body, builder);
    if (!body.problems().isEmpty()) {
      ResultResponses.invalid(ctx, ConfigPages.withRouteProblems(body.problems(), route));
      return;
    }
    send(ctx, federation.get().routes().update(actor(ctx), id, route));
  }

  /** Applies the fields present in {@code body} onto {@code builder} (defaults otherwise). */
  private static StaticRoute route(JsonFields body, StaticRoute.Builder builder) {
    StaticRoute base = builder.build();
    return builder
        .description(body.string("description", base.description()))
        .nextHop(body.string("nextHop", base.nextHop()))
        .nextHopPort(body.integer("nextHopPort", base.nextHopPort()))
        .routeType(body.choice("routeType", RouteType.class, base.routeType()))
        .protocol(body.choice("protocol", Transport.class, base.protocol()))
        .priority(body.integer("priority", base.priority()))
        .weight(body.integer("weight", base.weight()))
        .allowLessSpecific(body.bool("allowLessSpecific", base.allowLessSpecific()))
        .inService(body.bool("inService", base.inService()))
        .blocked(body.bool("blocked", base.blocked()))
        .build();
  }

  private void explain(Context ctx) {
    String address = ctx.queryParam("address");
    if (address == null || address.isBlank()) {
      throw new BadRequestResponse("address is required");
    }
    ConfigResult<io.fedgate.routes.select.RouteExplanation> result =
        federation.get().routes().explain(address);
    if (result instanceof ConfigResult.Done<io.fedgate.routes.select.RouteExplanation> done) {
      java.util.List<String> lines = new java.util.ArrayList<>(done.value().lines());
      lines.addAll(federation.get().routes().nextHopHealth(address));
      ctx.json(Map.of("address", address, "lines", lines));
    } else {
      send(ctx, result);
    }
  }

  private void pattern(Context ctx) {
    String domain = ctx.queryParam("domain");
    if (domain == null || domain.isBlank()) {
      throw new BadRequestResponse("domain is required");
    }
    String pattern = ReversedPattern.forDomain(domain.trim());
    ctx.json(
        Map.of(
            "domain",
            domain.trim(),
            "pattern",
            pattern,
            "lint",
            PatternLint.lintPattern(pattern, RouteType.DOMAIN)));
  }

  private void addAcl(Context ctx) {
    JsonFields body = JsonFields.of(ctx);
    AclEntry entry =
        new AclEntry(
            body.choice("type", AclEntryType.class, AclEntryType.FQDN),
            body.string("pattern", ""),
            body.string("description", ""),
            false);
    if (!body.problems().isEmpty()) {
      ResultResponses.invalid(ctx, body.problems());
      return;
    }
    send(ctx, federation.get().acl().add(actor(ctx), entry));
  }

  private void removeAcl(Context ctx) {
    AclEntryType type;
    try {
      type = AclEntryType.valueOf(String.valueOf(ctx.queryParam("type")).toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse("type must be one of all, ip, cidr, fqdn, domain");
    }
    String pattern = ctx.queryParam("pattern");
    if (pattern == null) {
      throw new BadRequestResponse("pattern is required");
    }
    send(ctx, federation.get().acl().remove(actor(ctx), type, pattern));
  }

  private void addSipDomain(Context ctx) {
    JsonFields body = JsonFields.of(ctx);
    SipDomain domain =
        new SipDomain(
            0,
            body.string("domainName", ""),
            body.string("description", ""),
            body.choice("integrationType", IntegrationType.class, IntegrationType.LYNC),
            body.bool("directFederation", true),
            body.string("defaultRoutingDomain", null));
    if (!body.problems().isEmpty()) {
      ResultResponses.invalid(ctx, body.problems());
      return;
    }
    send(ctx, federation.get().sipDomains().add(actor(ctx), domain));
  }

  /** Changes the given fields of a federated domain; the name in the path names it and stays. */
  private void updateSipDomain(Context ctx) {
    JsonFields body = JsonFields.of(ctx);
    String name = ctx.pathParam("name").trim().toLowerCase(java.util.Locale.ROOT);
    java.util.Optional<SipDomain> existing =
        federation.get().sipDomains().list().stream()
            .filter(d -> d.domainName().equals(name))
            .findFirst();
    if (existing.isEmpty()) {
      ApiErrors.notFound(ctx, "no SIP federated domain " + name);
      return;
    }
    SipDomain base = existing.get();
    SipDomain domain =
        new SipDomain(
            base.id(),
            base.domainName(),
            body.string("description", base.description()),
            body.choice("integrationType", IntegrationType.class, base.integrationType()),
            body.bool("directFederation", base.directFederation()),
            body.has("defaultRoutingDomain")
                ? body.string("defaultRoutingDomain", null)
                : base.defaultRoutingDomain());
    if (body.has("domainName") && !body.string("domainName", "").trim().equalsIgnoreCase(name)) {
      body.problem("domainName", "cannot be changed; remove the domain and add it again");
    }
    if (!body.problems().isEmpty()) {
      ResultResponses.invalid(ctx, body.problems());
      return;
    }
    send(ctx, federation.get().sipDomains().update(actor(ctx), domain));
  }

  static void send(Context ctx, ConfigResult<?> result) {
    ResultResponses.send(ctx, result);
  }

  static String actor(Context ctx) {
    return ctx.attribute(Authenticator.ACTOR);
  }

  private static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new BadRequestResponse("the route id must be a number");
    }
  }

  /**
   * From {@code /policy/{protocol}} or {@code /xmpp-federation/policy}, {@code
   * /sip-federation/policy}.
   */
  static Protocol protocol(Context ctx) {
    if (!ctx.pathParamMap().containsKey("protocol")) {
      return ctx.path().startsWith("/api/v1/sip-federation/") ? Protocol.SIP : Protocol.XMPP;
    }
    try {
      return Protocol.valueOf(ctx.pathParam("protocol").toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse("protocol must be xmpp or sip");
    }
  }

  static PolicyAction action(String value) {
    try {
      return PolicyAction.valueOf(value.toUpperCase());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new BadRequestResponse("default must be allow or deny");
    }
  }

  static ExceptionDirection direction(String value, ExceptionDirection fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return ExceptionDirection.valueOf(value.toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse("direction must be incoming, outgoing or both");
    }
  }
}
