package io.fedgate.appliance.admin;

import io.fedgate.appliance.security.AdminRole;
import java.util.Locale;

/**
 * The role a request needs, from its method and path, for the API ({@code /api/v1/...}) and the
 * pages ({@code /admin/...}) alike. Reading needs read-only, except the admin accounts
 * (administrator). Changing needs administrator, except what an operator does day to day: service
 * start/stop/restart, end users, releasing a throttled peer, running the Federation Doctor.
 * Anything not listed needs administrator, so a new route is safe by default.
 */
final class RoleRules {
  private RoleRules() {}

  static AdminRole required(String method, String path) {
    String rest = path;
    if (rest.startsWith("/api/v1/")) {
      rest = rest.substring("/api/v1/".length());
    } else if (rest.startsWith("/admin/")) {
      rest = rest.substring("/admin/".length());
    } else if (rest.startsWith("/")) {
      rest = rest.substring(1);
    }
    boolean accounts = rest.equals("admin-accounts") || rest.startsWith("admin-accounts/");
    String verb = method.toUpperCase(Locale.ROOT);
    if (verb.equals("GET") || verb.equals("HEAD") || verb.equals("OPTIONS")) {
      return accounts ? AdminRole.ADMINISTRATOR : AdminRole.READ_ONLY;
    }
    if (rest.equals("logout") || rest.equals("login") || rest.equals("my-password")) {
      return AdminRole.READ_ONLY;
    }
    if (rest.startsWith("services/")
        || rest.equals("services")
        || rest.equals("users")
        || rest.startsWith("users/")
        || rest.equals("guard/release")
        || rest.equals("doctor")
        || rest.startsWith("doctor/")) {
      return AdminRole.OPERATOR;
    }
    return AdminRole.ADMINISTRATOR;
  }
}
