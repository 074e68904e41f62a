package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Prints services the way IM&P's {@code utils service list} does: name, state, notes. */
final class ServiceTable {
  private ServiceTable() {}

  static void print(JsonNode services, PrintWriter out) {
    for (JsonNode service : services) {
      StringBuilder notes = new StringBuilder();
      if (service.path("restartRequired").asBoolean()) {
        notes.append("[restart required: ");
        service.path("restartReasons").forEach(r -> notes.append(r.asText()).append("; "));
        notes.setLength(notes.length() - 2);
        notes.append(']');
      }
      if (!service.path("lastError").isNull() && service.has("lastError")) {
        notes.append(notes.length() == 0 ? "" : " ").append(service.path("lastError").asText());
      }
      out.printf(
          "  %-36s %-9s %s%n",
          service.path("name").asText(), service.path("state").asText(), notes);
    }
  }
}
