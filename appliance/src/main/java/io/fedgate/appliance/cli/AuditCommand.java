package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fedgate utils audit}: the newest config changes, who made them and what changed. */
@Command(name = "audit", description = "Show the newest entries of the config audit log.")
final class AuditCommand extends NodeCommand {
  @Option(names = "--limit", defaultValue = "20", description = "how many entries (default 20)")
  int limit;

  @Override
  int run(AdminClient client, PrintWriter out) throws CliException {
    AdminClient.Response response = client.get("/api/v1/audit?limit=" + limit);
    if (!response.ok()) {
      return failed(response);
    }
    for (JsonNode entry : response.body()) {
      out.printf(
          "%s %-8s %-7s %s/%s %s -> %s%n",
          entry.path("occurredAt").asText(),
          entry.path("actor").asText(),
          entry.path("kind").asText(),
          entry.path("objectType").asText(),
          entry.path("objectId").asText(),
          entry.path("before").isNull() ? "-" : entry.path("before").asText(),
          entry.path("after").isNull() ? "-" : entry.path("after").asText());
    }
    return 0;
  }
}
