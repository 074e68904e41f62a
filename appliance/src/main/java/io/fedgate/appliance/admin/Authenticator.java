package io.fedgate.appliance.admin;

import io.fedgate.appliance.security.AdminAccounts;
import io.fedgate.appliance.security.AdminPrincipal;
import io.fedgate.appliance.security.AdminRole;
import io.fedgate.appliance.security.LoginThrottle;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates and authorises admin endpoint requests. The API takes a bearer token (the local CLI
 * credential or an automation token), HTTP Basic (throttled like the login page) or a page session
 * with its CSRF token in {@code X-CSRF-Token} for changes. The pages take only a session cookie,
 * and every change carries the session's CSRF token as the {@code _csrf} form field. Every request
 * then needs the role {@link RoleRules} names. The user becomes the audit actor.
 */
final class Authenticator {
  static final String ACTOR = "fedgate.actor";
  static final String PRINCIPAL = "fedgate.principal";
  static final String SESSION = "fedgate.session";
  static final String CSRF_FIELD = "_csrf";

  private final AdminAccounts accounts;
  private final AdminSessions sessions;
  private final LoginThrottle throttle;
  private final Pages pages;

  Authenticator(
      AdminAccounts accounts, AdminSessions sessions, LoginThrottle throttle, Pages pages) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.throttle = throttle;
    this.pages = pages;
  }

  /** Before-handler of {@code /api/*} and {@code /metrics}. */
  void requireApi(Context ctx) {
    String header = ctx.header("Authorization");
    Optional<AdminPrincipal> principal;
    if (header != null) {
      principal = fromHeader(ctx, header);
    } else {
      Optional<AdminSessions.Session> session = sessions.touch(ctx.cookie(AdminSessions.COOKIE));
      principal = session.flatMap(s -> accounts.current(s.username));
      if (principal.isPresent() && !safe(ctx.method().name())) {
        String sent = ctx.header("X-CSRF-Token");
        if (sent == null || !constantTimeEquals(sent, session.get().csrfToken)) {
          throw new ForbiddenResponse("a change needs the session's X-CSRF-Token header");
        }
      }
    }
    if (principal.isEmpty()) {
      ctx.header("WWW-Authenticate", "Basic realm=\"fedgate\", charset=\"UTF-8\"");
      throw new UnauthorizedResponse("authentication required");
    }
    authorise(ctx, principal.get());
  }

  /**
   * Before-handler of the pages. Without a live session: a GET goes to the login page, a change is
   * refused with a page that says the session ended (nothing is written).
   */
  void requirePage(Context ctx) {
    Optional<AdminSessions.Session> session = sessions.touch(ctx.cookie(AdminSessions.COOKIE));
    Optional<AdminPrincipal> principal = session.flatMap(s -> accounts.current(s.username));
    if (principal.isEmpty()) {
      session.ifPresent(s -> sessions.remove(s.id));
      boolean hadCookie = ctx.cookie(AdminSessions.COOKIE) != null;
      if (safe(ctx.method().name())) {
        ctx.redirect("/admin/login" + (hadCookie ? "?expired" : ""), HttpStatus.SEE_OTHER);
        ctx.skipRemainingHandlers();
        return;
      }
      pages.problem(
          ctx,
          401,
          hadCookie ? "Your session has ended" : "Not logged in",
          "Nothing was changed. Log in again and repeat the change.");
      ctx.skipRemainingHandlers();
      return;
    }
    ctx.attribute(SESSION, session.get());
    if (!safe(ctx.method().name())) {
      String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
      if (!type.startsWith("application/x-www-form-urlencoded")
          && !type.startsWith("multipart/form-data")) {
        pages.problem(
            ctx,
            415,
            "Unsupported content type",
            "The pages accept only HTML form posts. Nothing was changed.");
        ctx.skipRemainingHandlers();
        return;
      }
      String sent = ctx.formParam(CSRF_FIELD);
      if (sent == null || !constantTimeEquals(sent, session.get().csrfToken)) {
        pages.problem(
            ctx,
            403,
            "The form is out of date",
            "The form did not carry this session's security token (it may come from another"
                + " site or an older login). Nothing was changed; open the page again.");
        ctx.skipRemainingHandlers();
        return;
      }
    }
    AdminPrincipal p = principal.get();
    AdminRole needed = RoleRules.required(ctx.method().name(), ctx.path());
    ctx.attribute(PRINCIPAL, p);
    ctx.attribute(ACTOR, p.username());
    if (!p.role().includes(needed)) {
      pages.problem(
          ctx,
          403,
          "Not allowed",
          "This needs the " + needed.label() + " role; you are " + p.role().label() + ".");
      ctx.skipRemainingHandlers();
    }
  }

  /** Checks a login form's password, throttled per account and per client address. */
  LoginResult login(String username, char[] password, String address) {
    Optional<Duration> locked = throttle.lockedFor(username, address);
    if (locked.isPresent()) {
      return new LoginResult(Optional.empty(), locked);
    }
    Optional<AdminPrincipal> principal = accounts.authenticatePassword(username, password);
    if (principal.isPresent()) {
      throttle.succeeded(username, address);
    } else {
      throttle.failed(username, address);
    }
    return new LoginResult(principal, Optional.empty());
  }

  record LoginResult(Optional<AdminPrincipal> principal, Optional<Duration> lockedFor) {}

  private void authorise(Context ctx, AdminPrincipal principal) {
    ctx.attribute(PRINCIPAL, principal);
    ctx.attribute(ACTOR, principal.username());
    AdminRole needed = RoleRules.required(ctx.method().name(), ctx.path());
    if (!principal.role().includes(needed)) {
      ctx.status(403)
          .json(
              Map.of(
                  "error",
                  "forbidden: this needs the "
                      + needed.label()
                      + " role; "
                      + principal.username()
                      + " is "
                      + principal.role().label(),
                  "problems",
                  List.of()));
      ctx.skipRemainingHandlers();
    }
  }

  private Optional<AdminPrincipal> fromHeader(Context ctx, String header) {
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return accounts.authenticateToken(header.substring(7).trim());
    }
    if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        return Optional.empty();
      }
      LoginResult result =
          login(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray(), ctx.ip());
      if (result.lockedFor().isPresent()) {
        ctx.header("Retry-After", Long.toString(result.lockedFor().get().toSeconds() + 1));
        throw new io.javalin.http.TooManyRequestsResponse(
            "too many failed logins; try again in "
                + (result.lockedFor().get().toSeconds() + 1)
                + " s");
      }
      return result.principal();
    }
    return Optional.empty();
  }

  static boolean safe(String method) {
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
  }

  static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
