package io.fedgate.appliance.admin;

import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.core.config.ConfigProblem;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers the page handlers share: form fields, flash-and-redirect, problems by field. */
final class PageForms {
  private PageForms() {}

  /** A trimmed form field; "" when absent. */
  static String field(Context ctx, String name) {
    String value = ctx.formParam(name);
    return value == null ? "" : value.trim();
  }

  static boolean checkbox(Context ctx, String name) {
    String value = ctx.formParam(name);
    return value != null && !value.isEmpty() && !value.equals("false");
  }

  static String actor(Context ctx) {
    return ctx.attribute(Authenticator.ACTOR);
  }

  /** Shows {@code message} on the next page and sends the browser there (POST-redirect-GET). */
  static void done(Context ctx, String message, String location) {
    AdminSessions.Session session = ctx.attribute(Authenticator.SESSION);
    if (session != null) {
      session.flash = message;
    }
    ctx.redirect(location, HttpStatus.SEE_OTHER);
  }

  /** Problems keyed by field (several for one field joined), in the order they came. */
  static Map<String, String> byField(List<ConfigProblem> problems) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (ConfigProblem problem : problems) {
      errors.merge(problem.field(), problem.message(), (a, b) -> a + "; " + b);
    }
    return errors;
  }

  /** The problems of a refused result, or empty when it was done. */
  static Map<String, String> problems(ConfigResult<?> result) {
    if (result instanceof ConfigResult.Refused<?> refused) {
      return byField(refused.problems());
    }
    return Map.of();
  }

  /** The restart notice of a done result, for the flash message. */
  static String effect(ConfigResult<?> result) {
    if (result instanceof ConfigResult.Done<?> done && !done.restartRequired().isEmpty()) {
      return " Restart required: "
          + String.join(
              ", ", done.restartRequired().stream().map(s -> s.displayName()).sorted().toList())
          + " (see the Control Center).";
    }
    return "";
  }
}
