package io.fedgate.appliance.admin;

import static io.fedgate.appliance.admin.PageForms.actor;
import static io.fedgate.appliance.admin.PageForms.done;
import static io.fedgate.appliance.admin.PageForms.field;

import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.appliance.security.AdminAccounts;
import io.fedgate.appliance.security.AdminRole;
import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.service.ServiceStatus;
import io.fedgate.appliance.store.AuditEntry;
import io.fedgate.appliance.store.AuditJson;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin pages that are about the node itself: Dashboard, Control Center, Admin Accounts, Audit
 * Log and Logs, and the style sheet. The configuration pages are in {@link ConfigPages}.
 */
final class AdminPages {
  private final NodeControl node;
  private final AdminAccounts accounts;
  private final AdminSessions sessions;
  private final Pages pages;
  private final RecentLogs logs;
  private final byte[] css;

  AdminPages(
      NodeControl node,
      AdminAccounts accounts,
      AdminSessions sessions,
      Pages pages,
      RecentLogs logs) {
    this.node = node;
    this.accounts = accounts;
    this.sessions = sessions;
    this.pages = pages;
    this.logs = logs;
    try (InputStream in = AdminPages.class.getResourceAsStream("/admin/static/admin.css")) {
      this.css = in == null ? new byte[0] : in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("admin.css is missing from the build", e);
    }
  }

  void register(Javalin app) {
    app.get(
        "/admin/static/admin.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(css));
    app.get("/admin/", this::dashboard);
    app.post("/admin/guard/release", this::releaseGuard);
    app.get("/admin/services", this::controlCenter);
    app.post("/admin/services/restart-pending", this::restartPending);
    app.post("/admin/services/{name}/{action}", this::serviceAction);
    app.get("/admin/admin-accounts", ctx -> accountsPage(ctx, 200, Map.of(), Map.of()));
    app.post("/admin/admin-accounts", this::addAccount);
    app.post("/admin/admin-accounts/{name}", this::updateAccount);
    app.post("/admin/admin-accounts/{name}/delete", this::removeAccount);
    app.get("/admin/audit", this::audit);
    app.get("/admin/logs", this::logs);
    app.get("/admin/doctor", ctx -> doctor(ctx, null));
    app.post("/admin/doctor", ctx -> doctor(ctx, field(ctx, "domain")));
  }

  /**
   * The Federation Doctor: a domain in, every check both ways out (runs on this request thread).
   */
  private void doctor(Context ctx, String domain) {
    Map<String, Object> model = new HashMap<>();
    model.put("title", "Federation Doctor");
    model.put("domain", domain == null ? "" : domain);
    if (domain != null) {
      io.fedgate.appliance.doctor.DoctorReport report = node.doctor().run(domain);
      model.put("report", report);
    }
    pages.render(ctx, "doctor", model);
  }

  private void dashboard(Context ctx) {
    NodeStatus status = node.status();
    Map<String, Object> model = new HashMap<>();
    model.put("title", "Dashboard");
    model.put("status", status);
    model.put("pending", status.services().stream().filter(s -> s.restartRequired()).count());
    model.put("sipDomains", node.federation().sipDomains().list().size());
    model.put("routes", node.federation().routes().list().size());
    model.put("acl", node.federation().acl().list().size());
    model.put("users", node.users().list().size());
    model.put("guard", node.federation().guard().snapshot());
    DashboardTraffic.fill(model, node);
    pages.render(ctx, "dashboard", model);
  }

  /** Takes a partner off the open-federation watch list (operator; audited). */
  private void releaseGuard(Context ctx) {
    String partner = field(ctx, "partner");
    boolean released = !partner.isEmpty() && node.federation().guard().release(partner);
    if (released) {
      node.audit(
          actor(ctx),
          "guard",
          partner,
          AuditEntry.ChangeKind.UPDATE,
          null,
          AuditJson.of(Map.of("action", "release")));
    }
    done(
        ctx,
        released
            ? partner + " released from the watch list."
            : partner + " is not on the watch list; nothing changed.",
        "/admin/");
  }

  private void controlCenter(Context ctx) {
    Map<String, Object> model = new HashMap<>();
    model.put("title", "Control Center");
    model.put("services", AdminViews.services(node.services().statuses()));
    pages.render(ctx, "services", model);
  }

  private void serviceAction(Context ctx) {
    ServiceName name =
        ServiceName.parse(ctx.pathParam("name"))
            .orElseThrow(() -> new NotFoundResponse("no such service"));
    String action = ctx.pathParam("action");
    List<ServiceStatus> result;
    switch (action) {
      case "start" -> result = node.services().start(name);
      case "stop" -> result = node.services().stop(name);
      case "restart" -> result = node.services().restart(name);
      default -> throw new NotFoundResponse("action must be start, stop or restart");
    }
    node.audit(
        actor(ctx),
        "service",
        name.displayName(),
        AuditEntry.ChangeKind.UPDATE,
        null,
        AuditJson.of(Map.of("action", action)));
    done(
        ctx,
        name.displayName()
            + ": "
            + action
            + " done; now "
            + node.services().status(name).state()
            + " ("
            + result.size()
            + " service(s) affected).",
        "/admin/services");
  }

  private void restartPending(Context ctx) {
    List<String> restarted = new ArrayList<>();
    for (ServiceStatus status : node.services().statuses()) {
      if (status.restartRequired()) {
        node.services().restart(status.name());
        restarted.add(status.name().displayName());
        node.audit(
            actor(ctx),
            "service",
            status.name().displayName(),
            AuditEntry.ChangeKind.UPDATE,
            null,
            AuditJson.of(Map.of("action", "restart", "reasons", status.restartReasons())));
      }
    }
    done(
        ctx,
        restarted.isEmpty()
            ? "No service needed a restart."
            : "Restarted " + String.join(", ", restarted) + ".",
        "/admin/services");
  }

  private void accountsPage(
      Context ctx, int status, Map<String, String> errors, Map<String, String> form) {
    Map<String, Object> model = new HashMap<>();
    model.put("title", "Admin Accounts");
    model.put("accounts", accounts.list());
    model.put("roles", AdminRole.values());
    model.put("errors", errors);
    model.put("form", form);
    ctx.status(status);
    pages.render(ctx, "admin-accounts", model);
  }

  private void addAccount(Context ctx) {
    String username = field(ctx, "username");
    String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
    String roleText = field(ctx, "role");
    Map<String, String> errors =
        new java.util.LinkedHashMap<>(
            PageForms.byField(accounts.problems(username, password.toCharArray())));
    AdminRole role = AdminRole.parse(roleText).orElse(null);
    if (role == null) {
      errors.put("role", "must be read-only, operator or administrator");
    }
    if (!errors.isEmpty()) {
      accountsPage(ctx, 422, errors, Map.of("username", username, "role", roleText));
      return;
    }
    ConfigResult<AdminAccounts.Account> result =
        accounts.add(actor(ctx), username, password.toCharArray(), role);
    if (result instanceof ConfigResult.Refused<?>) {
      accountsPage(
          ctx, 422, PageForms.problems(result), Map.of("username", username, "role", roleText));
      return;
    }
    done(ctx, "Account " + username + " created (" + role.label() + ").", "/admin/admin-accounts");
  }

  private void updateAccount(Context ctx) {
    String name = ctx.pathParam("name");
    AdminRole role = AdminRole.parse(field(ctx, "role")).orElse(null);
    Boolean enabled = PageForms.checkbox(ctx, "enabled");
    String password = ctx.formParam("password");
    ConfigResult<AdminAccounts.Account> result =
        accounts.update(
            actor(ctx),
            name,
            role,
            enabled,
            password == null || password.isEmpty() ? null : password.toCharArray());
    if (result instanceof ConfigResult.Refused<?>) {
      accountsPage(ctx, 422, PageForms.problems(result), Map.of());
      return;
    }
    if (!enabled) {
      sessions.removeUser(name);
    }
    done(ctx, "Account " + name + " saved.", "/admin/admin-accounts");
  }

  private void removeAccount(Context ctx) {
    String name = ctx.pathParam("name");
    ConfigResult<AdminAccounts.Account> result = accounts.remove(actor(ctx), name);
    if (result instanceof ConfigResult.Refused<?>) {
      accountsPage(ctx, 422, PageForms.problems(result), Map.of());
      return;
    }
    sessions.removeUser(name);
    done(ctx, "Account " + name + " removed.", "/admin/admin-accounts");
  }

  private void audit(Context ctx) {
    String filter = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").trim();
    List<AuditEntry> entries =
        node.recentAudit(500).stream()
            .filter(
                e ->
                    filter.isEmpty()
                        || (e.actor() + " " + e.objectType() + " " + e.objectId())
                            .toLowerCase()
                            .contains(filter.toLowerCase()))
            .limit(200)
            .toList();
    Map<String, Object> model = new HashMap<>();
    model.put("title", "Audit Log");
    model.put("entries", entries);
    model.put("q", filter);
    pages.render(ctx, "audit", model);
  }

  private void logs(Context ctx) {
    String service = ctx.queryParam("service");
    String level = ctx.queryParam("level") == null ? "INFO" : ctx.queryParam("level");
    String text = ctx.queryParam("q") == null ? "" : ctx.queryParam("q");
    Map<String, Object> model = new HashMap<>();
    model.put("title", "Logs");
    model.put("lines", logs.recent(service, level, text, 300));
    model.put("services", RecentLogs.services());
    model.put("service", service == null ? "" : service);
    model.put("level", level);
    model.put("levels", List.of("DEBUG", "INFO", "WARN", "ERROR"));
    model.put("q", text);
    pages.render(ctx, "logs", model);
  }
}
