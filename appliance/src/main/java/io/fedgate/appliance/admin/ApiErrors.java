package io.fedgate.appliance.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.certstore.Rejection;
import io.fedgate.core.config.ConfigProblem;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The error answers of the certificate and TLS routes, all of the shape {@code {"error": ...,
 * "problems": [{field, message}]}}: never a stack trace, never a secret.
 */
final class ApiErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiErrors() {}

  /** A cert-store rejection: its code and sentence, with a status that fits the code. */
  static void refused(Context ctx, Rejection rejection) {
    int status =
        switch (rejection.code()) {
          case NOT_FOUND -> 404;
          case UPLOAD_TOO_LARGE -> 413;
          default -> 422;
        };
    ctx.status(status)
        .json(
            Map.of(
                "error",
                rejection.code() + ": " + rejection.detail(),
                "code",
                rejection.code().name(),
                "problems",
                List.of()));
  }

  static void notFound(Context ctx, String message) {
    ctx.status(404).json(Map.of("error", message, "problems", List.of()));
  }

  /** 422 with every problem; nothing was stored. */
  static void invalid(Context ctx, List<ConfigProblem> problems) {
    ctx.status(422).json(Map.of("error", "invalid request", "problems", problems));
  }

  static void invalid(Context ctx, String field, String message) {
    invalid(ctx, List.of(new ConfigProblem(field, message)));
  }

  /** The body as a JSON object (an empty body is {}), or a 400 answered and empty. */
  static Optional<JsonNode> jsonObject(Context ctx) {
    String text = ctx.body();
    try {
      JsonNode node = JSON.readTree(text.isBlank() ? "{}" : text);
      if (node != null && node.isObject()) {
        return Optional.of(node);
      }
    } catch (IOException e) {
      // answered below; the body is not logged
    }
    ctx.status(400).json(Map.of("error", "the body must be a JSON object", "problems", List.of()));
    return Optional.empty();
  }
}
