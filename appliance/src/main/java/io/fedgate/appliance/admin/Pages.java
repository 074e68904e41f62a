package io.fedgate.appliance.admin;

import io.fedgate.appliance.security.AdminPrincipal;
import io.fedgate.appliance.security.AdminRole;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the admin pages from the Thymeleaf templates in {@code admin/templates/} on the class
 * path. Templates only use {@code th:text}/{@code th:value}/{@code th:href}, so every value is
 * escaped on output. Every page gets the logged-in user, the CSRF token, the menu and a one-time
 * flash message, and is sent with headers that forbid scripts, framing and caching.
 */
final class Pages {
  /** The menu, with IM&P names where IM&P has the page. */
  static final List<Map<String, String>> MENU =
      List.of(
          item("Dashboard", "/admin/"),
          item("Control Center", "/admin/services"),
          item("SIP Federated Domains", "/admin/sip-federated-domains"),
          item("Static Routes", "/admin/static-routes"),
          item("TLS Peer Subjects", "/admin/tls-peer-subjects"),
          item("TLS Context Configuration", "/admin/tls-contexts"),
          item("Incoming ACL", "/admin/incoming-acl"),
          item("TLS Proxy", "/admin/tls-proxy"),
          item("XMPP Federation Settings", XmppPages.SETTINGS),
          item("XMPP Federation Policy", "/admin/policy/xmpp"),
          item("XMPP Partners", XmppPages.PARTNERS),
          item("SIP Federation Policy", "/admin/policy/sip"),
          item("Certificate Management", "/admin/certificates"),
          item("End Users", "/admin/users"),
          item("Federation Doctor", "/admin/doctor"),
          item("Admin Accounts", "/admin/admin-accounts"),
          item("Audit Log", "/admin/audit"),
          item("Logs", "/admin/logs"));

  static final String CSP =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
          + " frame-ancestors 'none'; base-uri 'none'";

  private final TemplateEngine engine = new TemplateEngine();

  Pages() {
    ClassLoaderTemplateResolver resolver =
        new ClassLoaderTemplateResolver(Pages.class.getClassLoader());
    resolver.setPrefix("admin/templates/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    engine.setTemplateResolver(resolver);
  }

  void render(Context ctx, String template, Map<String, Object> model) {
    org.thymeleaf.context.Context variables = new org.thymeleaf.context.Context();
    Map<String, Object> all = new HashMap<>(model);
    AdminPrincipal me = ctx.attribute(Authenticator.PRINCIPAL);
    AdminSessions.Session session = ctx.attribute(Authenticator.SESSION);
    all.put("me", me);
    all.put("menu", MENU);
    all.put("path", ctx.path());
    all.put("csrf", session == null ? "" : session.csrfToken);
    all.putIfAbsent("errors", Map.of());
    all.put("canOperate", me != null && me.role().includes(AdminRole.OPERATOR));
    all.put("canAdminister", me != null && me.role().includes(AdminRole.ADMINISTRATOR));
    if (session != null && session.flash != null) {
      all.put("flash", session.flash);
      session.flash = null;
    }
    variables.setVariables(all);
    String html = engine.process(template, variables);
    secureHeaders(ctx);
    ctx.html(html);
  }

  /** A page that says what went wrong and that nothing changed; never a stack trace. */
  void problem(Context ctx, int status, String title, String detail) {
    ctx.status(status);
    render(ctx, "problem", Map.of("title", title, "detail", detail));
  }

  static void secureHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
  }

  private static Map<String, String> item(String name, String href) {
    return Map.of("name", name, "href", href);
  }
}
