package io.fedgate.appliance.admin;

import io.fedgate.appliance.users.UserAdmin;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.function.Supplier;

/**
 * {@code /api/v1/users}: local users. {@code {user}} is {@code name} (default domain) or {@code
 * name@domain}. Passwords travel only in request bodies and are never echoed or logged.
 */
final class UserRoutes {
  private final Supplier<UserAdmin> users;

  UserRoutes(Supplier<UserAdmin> users) {
    this.users = users;
  }

  void register(Javalin app) {
    app.get("/api/v1/users", ctx -> ctx.json(users.get().list()));
    app.post("/api/v1/users", this::add);
    app.put("/api/v1/users/{user}/password", this::password);
    app.post(
        "/api/v1/users/{user}/disable",
        ctx -> send(ctx, users.get().setEnabled(actor(ctx), ctx.pathParam("user"), false)));
    app.post(
        "/api/v1/users/{user}/enable",
        ctx -> send(ctx, users.get().setEnabled(actor(ctx), ctx.pathParam("user"), true)));
    app.delete(
        "/api/v1/users/{user}",
        ctx -> send(ctx, users.get().remove(actor(ctx), ctx.pathParam("user"))));
  }

  private void add(Context ctx) {
    JsonFields body = JsonFields.of(ctx);
    String username = body.string("username", "");
    String domain = body.string("domain", null);
    char[] password = body.string("password", "").toCharArray();
    if (!body.problems().isEmpty()) {
      ResultResponses.invalid(ctx, body.problems());
      return;
    }
    send(ctx, users.get().add(actor(ctx), username, domain, password));
  }

  private void password(Context ctx) {
    JsonFields body = JsonFields.of(ctx);
    char[] password = body.string("password", "").toCharArray();
    if (!body.problems().isEmpty()) {
      ResultResponses.invalid(ctx, body.problems());
      return;
    }
    send(ctx, users.get().setPassword(actor(ctx), ctx.pathParam("user"), password));
  }

  private static void send(Context ctx, io.fedgate.appliance.config.ConfigResult<?> result) {
    ResultResponses.send(ctx, result);
  }

  private static String actor(Context ctx) {
    return ctx.attribute(Authenticator.ACTOR);
  }
}
