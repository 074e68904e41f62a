package io.fedgate.appliance.admin;

import io.fedgate.appliance.security.AdminPrincipal;
import io.fedgate.appliance.store.AuditEntry;
import io.fedgate.appliance.store.AuditJson;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;

/**
 * The login page, login and logout. The login form carries its own CSRF token (double-submitted in
 * a short-lived cookie) so another site cannot log a browser in. A login creates a fresh session
 * (the id never survives a login), and both login and logout are audited.
 */
final class LoginRoutes {
  static final String LOGIN_COOKIE = "fedgate_login";
  static final String LOGIN_FIELD = "_login";

  private final Authenticator auth;
  private final AdminSessions sessions;
  private final Pages pages;
  private final NodeControl node;

  LoginRoutes(Authenticator auth, AdminSessions sessions, Pages pages, NodeControl node) {
    this.auth = auth;
    this.sessions = sessions;
    this.pages = pages;
    this.node = node;
  }

  void register(Javalin app) {
    app.get("/admin/login", this::form);
    app.post("/admin/login", this::login);
    app.post("/admin/logout", this::logout);
  }

  private void form(Context ctx) {
    Map<String, Object> model = new HashMap<>();
    if (ctx.queryParam("expired") != null) {
      model.put("notice", "Your session has ended. Log in again.");
    } else if (ctx.queryParam("loggedout") != null) {
      model.put("notice", "You are logged out.");
    }
    show(ctx, 200, model);
  }

  private void show(Context ctx, int status, Map<String, Object> model) {
    String token = sessions.randomId();
    ctx.res()
        .addHeader(
            "Set-Cookie",
            LOGIN_COOKIE
                + "="
                + token
                + "; Path=/admin/login; Max-Age=1800; Secure; HttpOnly; SameSite=Strict");
    model.put("title", "Log in");
    model.put("loginToken", token);
    ctx.status(status);
    pages.render(ctx, "login", model);
  }

  private void login(Context ctx) {
    String type = ctx.contentType() == null ? "" : ctx.contentType();
    if (!type.startsWith("application/x-www-form-urlencoded")) {
      pages.problem(ctx, 415, "Unsupported content type", "The login page takes a form post.");
      return;
    }
    String cookie = ctx.cookie(LOGIN_COOKIE);
    String field = ctx.formParam(LOGIN_FIELD);
    if (cookie == null || field == null || !Authenticator.constantTimeEquals(cookie, field)) {
      show(
          ctx,
          403,
          new HashMap<>(Map.of("error", "The login form was out of date. Please try again.")));
      return;
    }
    String username = ctx.formParam("username");
    String password = ctx.formParam("password");
    Map<String, Object> model = new HashMap<>();
    model.put("username", username == null ? "" : username);
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      model.put("error", "Enter a user name and a password.");
      show(ctx, 422, model);
      return;
    }
    Authenticator.LoginResult result = auth.login(username, password.toCharArray(), ctx.ip());
    if (result.lockedFor().isPresent()) {
      long seconds = result.lockedFor().get().toSeconds() + 1;
      ctx.header("Retry-After", Long.toString(seconds));
      model.put("error", "Too many failed logins. Try again in " + seconds + " seconds.");
      show(ctx, 429, model);
      return;
    }
    if (result.principal().isEmpty()) {
      model.put("error", "Wrong user name or password, or the account is disabled.");
      show(ctx, 401, model);
      return;
    }
    AdminPrincipal principal = result.principal().get();
    sessions.remove(ctx.cookie(AdminSessions.COOKIE));
    AdminSessions.Session session = sessions.create(principal.username());
    ctx.res()
        .addHeader(
            "Set-Cookie",
            AdminSessions.COOKIE
                + "="
                + session.id
                + "; Path=/; Secure; HttpOnly; SameSite=Strict");
    ctx.res()
        .addHeader(
            "Set-Cookie",
            LOGIN_COOKIE + "=; Path=/admin/login; Max-Age=0; Secure; HttpOnly; SameSite=Strict");
    node.audit(
        principal.username(),
        "admin-session",
        principal.username(),
        AuditEntry.ChangeKind.CREATE,
        null,
        AuditJson.of(Map.of("login", "password", "from", ctx.ip())));
    ctx.redirect("/admin/", HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    // reached only through requirePage: a live session and its CSRF token
    AdminSessions.Session session = ctx.attribute(Authenticator.SESSION);
    sessions.remove(session.id);
    ctx.res()
        .addHeader(
            "Set-Cookie",
            AdminSessions.COOKIE + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict");
    node.audit(
        session.username,
        "admin-session",
        session.username,
        AuditEntry.ChangeKind.DELETE,
        AuditJson.of(Map.of("from", ctx.ip())),
        null);
    ctx.redirect("/admin/login?loggedout", HttpStatus.SEE_OTHER);
  }
}
