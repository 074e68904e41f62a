package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Prints what a config change did to the services (live, or restart required). */
final class ChangePrinter {
  private ChangePrinter() {}

  static void effect(JsonNode body, PrintWriter out) {
    if (!body.path("appliedLive").isEmpty()) {
      out.println("  applied live to: " + names(body.path("appliedLive")));
    }
    if (!body.path("restartRequired").isEmpty()) {
      out.println(
          "  restart required: "
              + names(body.path("restartRequired"))
              + " (fedgate utils service restart \"NAME\")");
    }
  }

  static String names(JsonNode array) {
    StringBuilder text = new StringBuilder();
    array.forEach(n -> text.append(text.length() == 0 ? "" : ", ").append(n.asText()));
    return text.toString();
  }
}
