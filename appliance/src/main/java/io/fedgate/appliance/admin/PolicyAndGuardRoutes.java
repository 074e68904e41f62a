package io.fedgate.appliance.admin;

import io.fedgate.acl.guard.GuardSnapshot;
import io.fedgate.acl.policy.ExceptionDirection;
import io.fedgate.appliance.federation.FederationAdmin;
import io.fedgate.appliance.federation.PolicyAdmin.Protocol;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** REST API of the federation policy (per protocol) and of the open-federation guard. */
final class PolicyAndGuardRoutes {
  private final Supplier<FederationAdmin> federation;

  PolicyAndGuardRoutes(Supplier<FederationAdmin> federation) {
    this.federation = federation;
  }

  void register(Javalin app) {
    // /api/v1/xmpp-federation/policy is served by XmppFederationRoutes
    for (String base :
        java.util.List.of("/api/v1/policy/{protocol}", "/api/v1/sip-federation/policy")) {
      app.get(base, this::show);
      app.put(base, this::setDefault);
      app.post(base + "/exceptions", this::addException);
      app.delete(base + "/exceptions", this::removeException);
    }
    app.get("/api/v1/guard", this::guard);
    app.post("/api/v1/guard/release", this::release);
  }

  private void show(Context ctx) {
    Protocol protocol = FederationRoutes.protocol(ctx);
    ctx.json(
        Map.of("protocol", protocol.name(), "policy", federation.get().policy().show(protocol)));
  }

  private void setDefault(Context ctx) {
    JsonFields body = JsonFields.of(ctx);
    String value = body.string("default", null);
    FederationRoutes.send(
        ctx,
        federation
            .get()
            .policy()
            .setDefault(
                FederationRoutes.actor(ctx),
                FederationRoutes.protocol(ctx),
                FederationRoutes.action(value)));
  }

  private void addException(Context ctx) {
    JsonFields body = JsonFields.of(ctx);
    String domain = body.string("domain", "");
    ExceptionDirection direction =
        FederationRoutes.direction(body.string("direction", null), ExceptionDirection.BOTH);
    FederationRoutes.send(
        ctx,
        federation
            .get()
            .policy()
            .addException(
                FederationRoutes.actor(ctx), FederationRoutes.protocol(ctx), domain, direction));
  }

  private void removeException(Context ctx) {
    String domain = ctx.queryParam("domain");
    if (domain == null || domain.isBlank()) {
      throw new BadRequestResponse("domain is required");
    }
    FederationRoutes.send(
        ctx,
        federation
            .get()
            .policy()
            .removeException(
                FederationRoutes.actor(ctx),
                FederationRoutes.protocol(ctx),
                domain,
                FederationRoutes.direction(ctx.queryParam("direction"), null)));
  }

  private void guard(Context ctx) {
    GuardSnapshot snapshot = federation.get().guard().snapshot();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("config", federation.get().guard().config());
    body.put("snapshot", snapshot);
    ctx.json(body);
  }

  private void release(Context ctx) {
    String partner = ctx.queryParam("partner");
    if (partner == null || partner.isBlank()) {
      throw new BadRequestResponse("partner is required");
    }
    boolean released = federation.get().guard().release(partner.trim());
    ctx.status(released ? 200 : 404).json(Map.of("partner", partner.trim(), "released", released));
  }
}
