package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fedgate status}: the node, its listeners (with bound ports) and its services. */
@Command(name = "status", description = "Show a running node: listeners, bound ports, services.")
final class StatusCommand extends NodeCommand {
  @Option(names = "--json", description = "print the raw JSON answer")
  boolean json;

  @Override
  int run(AdminClient client, PrintWriter out) throws CliException {
    AdminClient.Response response = client.get("/api/v1/status");
    if (!response.ok()) {
      return failed(response);
    }
    JsonNode status = response.body();
    if (json) {
      out.println(status.toPrettyString());
      return 0;
    }
    out.printf(
        "fedgate node %s (version %s, pid %d, up %ds)%n",
        status.path("nodeFqdn").asText(),
        status.path("version").asText(),
        status.path("pid").asLong(),
        status.path("uptimeSeconds").asLong());
    out.printf("  domains:   %s%n", ChangePrinter.names(status.path("localDomains")));
    out.printf("  data dir:  %s%n", status.path("dataDir").asText());
    out.printf("  database:  %s%n", status.path("database").asText());
    out.println("Listeners:");
    for (JsonNode listener : status.path("listeners")) {
      String bound =
          listener.path("boundPort").asInt() > 0
              ? "bound " + listener.path("boundPort").asInt()
              : "-";
      out.printf(
          "  %-20s %-22s %-11s %s%n",
          listener.path("id").asText(),
          listener.path("address").asText() + ":" + listener.path("configuredPort").asInt(),
          bound,
          listener.path("note").asText());
    }
    out.println("Services:");
    ServiceTable.print(status.path("services"), out);
    printExpiring(status.path("expiringCertificates"), out);
    return 0;
  }

  private static void printExpiring(JsonNode certificates, PrintWriter out) {
    if (certificates.isEmpty()) {
      out.println("Certificates: none expires within 30 days");
      return;
    }
    out.println("Certificates expiring within 30 days:");
    for (JsonNode c : certificates) {
      long days = c.path("daysLeft").asLong();
      out.printf(
          "  %-28s %s %s (%s) %s%n",
          c.path("store").asText() + "/" + c.path("alias").asText(),
          days < 0 ? "EXPIRED" : "expires",
          c.path("notAfter").asText(),
          days < 0 ? -days + " days ago" : days + " days left",
          c.path("subject").asText());
    }
  }
}
