package io.fedgate.appliance.admin;

import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.appliance.security.AdminAccounts;
import io.fedgate.appliance.security.AdminRole;
import io.fedgate.appliance.security.Tokens;
import io.fedgate.core.config.ConfigProblem;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/admin-accounts}: admin accounts, their roles and their bearer tokens for
 * automation (administrators only, see {@link RoleRules}). A new token is shown once, in the answer
 * that creates it; only its hash is stored.
 */
final class AdminAccountRoutes {
  private final AdminAccounts accounts;
  private final AdminSessions sessions;
  private final Tokens tokens;

  AdminAccountRoutes(AdminAccounts accounts, AdminSessions sessions, Tokens tokens) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.tokens = tokens;
  }

  void register(Javalin app) {
    String base = "/api/v1/admin-accounts";
    app.get(base, ctx -> ctx.json(accounts.list()));
    app.post(base, this::add);
    app.put(base + "/{name}", this::update);
    app.delete(base + "/{name}", this::remove);
    app.post(base + "/{name}/tokens", this::addToken);
    app.delete(
        base + "/{name}/tokens/{token}",
        ctx ->
            ResultResponses.send(
                ctx,
                accounts.removeToken(actor(ctx), ctx.pathParam("name"), ctx.pathParam("token"))));
  }

  private void add(Context ctx) {
    JsonFields body = JsonFields.of(ctx);
    String username = body.string("username", "");
    String password = body.string("password", "");
    AdminRole role = role(body, "role", AdminRole.READ_ONLY);
    List<ConfigProblem> problems =
        new ArrayList<>(accounts.problems(username, password.toCharArray()));
    problems.addAll(body.problems());
    if (!problems.isEmpty()) {
      ResultResponses.invalid(ctx, problems);
      return;
    }
    ConfigResult<AdminAccounts.Account> result =
        accounts.add(actor(ctx), username, password.toCharArray(), role);
    if (result instanceof ConfigResult.Done<?>) {
      ctx.status(201);
    }
    ResultResponses.send(ctx, result);
  }

  private void update(Context ctx) {
    JsonFields body = JsonFields.of(ctx);
    AdminRole role = role(body, "role", null);
    Boolean enabled = body.has("enabled") ? body.bool("enabled", true) : null;
    String password = body.string("password", null);
    if (!body.problems().isEmpty()) {
      ResultResponses.invalid(ctx, body.problems());
      return;
    }
    String name = ctx.pathParam("name");
    ConfigResult<AdminAccounts.Account> result =
        accounts.update(
            actor(ctx), name, role, enabled, password == null ? null : password.toCharArray());
    if (result instanceof ConfigResult.Done<?> && Boolean.FALSE.equals(enabled)) {
      sessions.removeUser(name);
    }
    ResultResponses.send(ctx, result);
  }

  private void remove(Context ctx) {
    String name = ctx.pathParam("name");
    ConfigResult<AdminAccounts.Account> result = accounts.remove(actor(ctx), name);
    if (result instanceof ConfigResult.Done<?>) {
      sessions.removeUser(name);
    }
    ResultResponses.send(ctx, result);
  }

  private void addToken(Context ctx) {
    JsonFields body = JsonFields.of(ctx);
    String name = body.string("name", "");
    if (!body.problems().isEmpty()) {
      ResultResponses.invalid(ctx, body.problems());
      return;
    }
    String token = tokens.newToken();
    ConfigResult<String> result = accounts.addToken(actor(ctx), ctx.pathParam("name"), name, token);
    if (result instanceof ConfigResult.Refused<String> refused) {
      ResultResponses.invalid(ctx, refused.problems());
      return;
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("name", name);
    answer.put("user", ctx.pathParam("name"));
    answer.put("token", token);
    answer.put("note", "shown once; send it as 'Authorization: Bearer <token>'");
    ctx.status(201).json(answer);
  }

  static AdminRole role(JsonFields body, String field, AdminRole fallback) {
    String text = body.string(field, null);
    if (text == null) {
      return fallback;
    }
    return AdminRole.parse(text)
        .orElseGet(
            () -> {
              body.problem(field, "must be read-only, operator or administrator");
              return fallback;
            });
  }

  private static String actor(Context ctx) {
    return ctx.attribute(Authenticator.ACTOR);
  }
}
