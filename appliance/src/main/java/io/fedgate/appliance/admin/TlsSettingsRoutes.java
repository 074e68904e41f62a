package io.fedgate.appliance.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedgate.appliance.certs.TlsContextUpdate;
import io.fedgate.appliance.certs.TlsSettingsAdmin;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * REST API of TLS peer subjects ({@code /api/v1/tls/peer-subjects}) and TLS contexts ({@code
 * /api/v1/tls/contexts}). A context is changed with {@code PUT} of the fields to change; every
 * problem comes back at once with a 422 and nothing is stored.
 */
final class TlsSettingsRoutes {
  private final Supplier<TlsSettingsAdmin> tls;

  TlsSettingsRoutes(Supplier<TlsSettingsAdmin> tls) {
    this.tls = tls;
  }

  void register(Javalin app) {
    for (String base : List.of("/api/v1/tls/peer-subjects", "/api/v1/tls-peer-subjects")) {
      app.get(base, ctx -> ctx.json(tls.get().peerSubjects()));
      app.post(base, this::addSubject);
      app.delete(
          base + "/{name}",
          ctx -> send(ctx, tls.get().removePeerSubject(actor(ctx), ctx.pathParam("name")), 200));
    }
    for (String base : List.of("/api/v1/tls/contexts", "/api/v1/tls-contexts")) {
      app.get(base, ctx -> ctx.json(tls.get().contexts()));
      app.get(base + "/{name}", this::context);
      app.put(base + "/{name}", this::updateContext);
    }
  }

  private void addSubject(Context ctx) {
    Optional<JsonNode> body = ApiErrors.jsonObject(ctx);
    if (body.isPresent()) {
      JsonNode json = body.get();
      send(
          ctx,
          tls.get()
              .addPeerSubject(
                  actor(ctx), json.path("name").asText(""), json.path("description").asText("")),
          201);
    }
  }

  private void context(Context ctx) {
    String name = ctx.pathParam("name");
    tls.get()
        .context(name)
        .ifPresentOrElse(ctx::json, () -> ApiErrors.notFound(ctx, "no TLS context '" + name + "'"));
  }

  private void updateContext(Context ctx) {
    Optional<JsonNode> body = ApiErrors.jsonObject(ctx);
    if (body.isEmpty()) {
      return;
    }
    JsonNode json = body.get();
    TlsContextUpdate update =
        new TlsContextUpdate(
            text(json, "description"),
            list(json, "protocols"),
            text(json, "cipherProfile"),
            list(json, "cipherSuites"),
            list(json, "peerSubjects"),
            text(json, "disableEmptyTlsFragments"));
    send(ctx, tls.get().updateContext(actor(ctx), ctx.pathParam("name"), update), 200);
  }

  private static void send(Context ctx, TlsSettingsAdmin.Result result, int status) {
    if (result instanceof TlsSettingsAdmin.Result.Refused refused) {
      ApiErrors.invalid(ctx, refused.problems());
    } else if (result instanceof TlsSettingsAdmin.Result.NotFound missing) {
      ApiErrors.notFound(ctx, missing.message());
    } else if (result instanceof TlsSettingsAdmin.Result.Changed changed) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("value", changed.value());
      answer.put("appliedLive", CertificateJson.names(changed.appliedLive()));
      answer.put("restartRequired", CertificateJson.names(changed.restartRequired()));
      ctx.status(status).json(answer);
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** An array of strings, or one comma-separated string; null when absent. */
  private static List<String> list(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(item.asText()));
      return items;
    }
    return value.asText().isBlank() ? List.of() : Arrays.asList(value.asText().split(","));
  }

  private static String actor(Context ctx) {
    return ctx.attribute(Authenticator.ACTOR);
  }
}
