package io.fedgate.appliance.admin;

import io.fedgate.acl.policy.ExceptionDirection;
import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.appliance.federation.FederationAdmin;
import io.fedgate.appliance.federation.PolicyAdmin.Protocol;
import io.fedgate.appliance.federation.XmppPartnerAdmin.PartnerView;
import io.fedgate.appliance.federation.XmppSettings;
import io.fedgate.appliance.store.JdbcXmppPartners.XmppPartner;
import io.fedgate.appliance.store.JdbcXmppSettings.DnsOverride;
import io.fedgate.core.config.ConfigProblem;
import io.fedgate.xmpp.s2s.Negotiation;
import io.fedgate.xmpp.s2s.PartnerType;
import io.fedgate.xmpp.s2s.SecurityMode;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * REST API of XMPP federation: settings and DNS overrides, the XMPP federation policy (the same
 * object as {@code /api/v1/policy/xmpp}) and the Lync-style partners. Every field of a request is
 * checked and every problem named (422); nothing is stored then. The dialback secret is accepted,
 * never returned.
 */
final class XmppFederationRoutes {
  private final Supplier<FederationAdmin> federation;

  XmppFederationRoutes(Supplier<FederationAdmin> federation) {
    this.federation = federation;
  }

  void register(Javalin app) {
    app.get(
        "/api/v1/xmpp-federation/settings",
        ctx -> ctx.json(federation.get().xmppSettings().show()));
    app.put("/api/v1/xmpp-federation/settings", this::updateSettings);
    app.post("/api/v1/xmpp-federation/dns-overrides", this::addOverride);
    app.delete(
        "/api/v1/xmpp-federation/dns-overrides/{domain}",
        ctx ->
            send(
                ctx,
                federation
                    .get()
                    .xmppSettings()
                    .removeOverride(actor(ctx), ctx.pathParam("domain"))));
    app.get("/api/v1/xmpp-federation/policy", this::showPolicy);
    app.put("/api/v1/xmpp-federation/policy", this::setPolicyDefault);
    app.post("/api/v1/xmpp-federation/policy/exceptions", this::addPolicyException);
    app.delete("/api/v1/xmpp-federation/policy/exceptions", this::removePolicyException);
    app.get("/api/v1/xmpp-partners", ctx -> ctx.json(federation.get().xmppPartners().list()));
    app.get("/api/v1/xmpp-partners/{domain}", this::showPartner);
    app.post("/api/v1/xmpp-partners", ctx -> savePartner(ctx, null));
    app.put("/api/v1/xmpp-partners/{domain}", ctx -> savePartner(ctx, ctx.pathParam("domain")));
    app.delete(
        "/api/v1/xmpp-partners/{domain}",
        ctx ->
            send(ctx, federation.get().xmppPartners().remove(actor(ctx), ctx.pathParam("domain"))));
  }

  private void updateSettings(Context ctx) {
    JsonFields body = JsonFields.of(ctx);
    XmppSettings.Edit edit =
        new XmppSettings.Edit(
            optionalBool(body, "enabled"),
            body.choice("securityMode", SecurityMode.class, null),
            optionalBool(body, "requireClientCertificate"),
            optionalBool(body, "saslExternalInbound"),
            optionalBool(body, "saslExternalOutbound"),
            body.string("dialbackSecret", null),
            body.string("dnsResolver", null));
    List<ConfigProblem> problems = new ArrayList<>(body.problems());
    problems.addAll(unknownFields(body, SETTINGS_FIELDS));
    if (!problems.isEmpty()) {
      problems.addAll(federation.get().xmppSettings().problems(edit));
      ResultResponses.invalid(ctx, problems);
      return;
    }
    send(ctx, federation.get().xmppSettings().update(actor(ctx), edit));
  }

  private static final List<String> SETTINGS_FIELDS =
      List.of(
          "enabled",
          "securityMode",
          "requireClientCertificate",
          "saslExternalInbound",
          "saslExternalOutbound",
          "dialbackSecret",
          "dnsResolver");

  private static final List<String> PARTNER_FIELDS =
      List.of(
          "primaryDomain",
          "additionalDomains",
          "description",
          "partnerType",
          "tlsNegotiation",
          "saslNegotiation",
          "dialback",
          "proxyFqdn",
          "connectionLimit",
          "keepAlive");

  private void addOverride(Context ctx) {
    JsonFields body = JsonFields.of(ctx);
    DnsOverride override =
        new DnsOverride(
            body.string("domain", ""),
            body.string("host", ""),
            body.integer("port", 5269),
            body.string("description", ""));
    if (!body.problems().isEmpty()) {
      ResultResponses.invalid(ctx, body.problems());
      return;
    }
    send(ctx, federation.get().xmppSettings().addOverride(actor(ctx), override));
  }

  private void showPolicy(Context ctx) {
    ctx.json(Map.of("protocol", "XMPP", "policy", federation.get().policy().show(Protocol.XMPP)));
  }

  private void setPolicyDefault(Context ctx) {
    JsonFields body = JsonFields.of(ctx);
    send(
        ctx,
        federation
            .get()
            .policy()
            .setDefault(
                actor(ctx), Protocol.XMPP, FederationRoutes.action(body.string("default", null))));
  }

  private void addPolicyException(Context ctx) {
    JsonFields body = JsonFields.of(ctx);
    ExceptionDirection direction =
        FederationRoutes.direction(body.string("direction", null), ExceptionDirection.BOTH);
    send(
        ctx,
        federation
            .get()
            .policy()
            .addException(actor(ctx), Protocol.XMPP, body.string("domain", ""), direction));
  }

  private void removePolicyException(Context ctx) {
    String domain = ctx.queryParam("domain");
    if (domain == null || domain.isBlank()) {
      throw new BadRequestResponse("domain is required");
    }
    send(
        ctx,
        federation
            .get()
            .policy()
            .removeException(
                actor(ctx),
                Protocol.XMPP,
                domain,
                FederationRoutes.direction(ctx.queryParam("direction"), null)));
  }

  private void showPartner(Context ctx) {
    Optional<PartnerView> partner = federation.get().xmppPartners().find(ctx.pathParam("domain"));
    if (partner.isEmpty()) {
      ApiErrors.notFound(ctx, "no XMPP partner " + ctx.pathParam("domain"));
      return;
    }
    ctx.json(partner.get());
  }

  /**
   * @param primaryDomain the partner to update (fields not given keep their values), or null to add
   *     one (fields not given take Lync's defaults)
   */
  private void savePartner(Context ctx, String primaryDomain) {
    JsonFields body = JsonFields.of(ctx);
    XmppPartner base;
    if (primaryDomain == null) {
      base =
          new XmppPartner(
              0,
              "",
              List.of(),
              "",
              PartnerType.FEDERATED,
              Negotiation.REQUIRED,
              Negotiation.REQUIRED,
              false,
              "",
              4,
              true);
    } else {
      Optional<PartnerView> existing = federation.get().xmppPartners().find(primaryDomain);
      if (existing.isEmpty()) {
        ApiErrors.notFound(ctx, "no XMPP partner " + primaryDomain);
        return;
      }
      base = existing.get().partner();
    }
    XmppPartner partner =
        new XmppPartner(
            base.id(),
            primaryDomain == null ? body.string("primaryDomain", "") : base.primaryDomain(),
            additionalDomains(body, base.additionalDomains()),
            body.string("description", base.description()),
            body.choice("partnerType", PartnerType.class, base.partnerType()),
            body.choice("tlsNegotiation", Negotiation.class, base.tlsNegotiation()),
            body.choice("saslNegotiation", Negotiation.class, base.saslNegotiation()),
            body.bool("dialback", base.dialback()),
            body.string("proxyFqdn", base.proxyFqdn()),
            body.integer("connectionLimit", base.connectionLimit()),
            body.bool("keepAlive", base.keepAlive()));
    List<ConfigProblem> problems = new ArrayList<>(body.problems());
    problems.addAll(unknownFields(body, PARTNER_FIELDS));
    if (primaryDomain != null
        && body.has("primaryDomain")
        && !body.string("primaryDomain", "").trim().equalsIgnoreCase(base.primaryDomain())) {
      problems.add(
          new ConfigProblem(
              "primaryDomain", "cannot be changed; remove the partner and add it again"));
    }
    if (!problems.isEmpty()) {
      problems.addAll(federation.get().xmppPartners().problems(partner, primaryDomain != null));
      ResultResponses.invalid(ctx, problems);
      return;
    }
    ConfigResult<PartnerView> result =
        primaryDomain == null
            ? federation.get().xmppPartners().add(actor(ctx), partner)
            : federation.get().xmppPartners().update(actor(ctx), partner);
    send(ctx, result);
  }

  /** A JSON array of names, or one comma-separated string. */
  private static List<String> additionalDomains(JsonFields body, List<String> fallback) {
    List<String> names = body.stringList("additionalDomains");
    if (names != null) {
      return names;
    }
    String text = body.string("additionalDomains", null);
    if (text == null) {
      return fallback;
    }
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static Boolean optionalBool(JsonFields body, String field) {
    return body.has(field) ? body.bool(field, false) : null;
  }

  private static List<ConfigProblem> unknownFields(JsonFields body, List<String> known) {
    return body.fieldNames().stream()
        .filter(f -> !known.contains(f))
        .map(f -> new ConfigProblem(f, "unknown field; known: " + known))
        .toList();
  }

  private static void send(Context ctx, ConfigResult<?> result) {
    ResultResponses.send(ctx, result);
  }

  private static String actor(Context ctx) {
    return FederationRoutes.actor(ctx);
  }
}
