package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fedgate acl list|add|remove}: the incoming ACL (System > Security > Incoming ACL). */
@Command(
    name = "acl",
    description = "Incoming ACL: who may connect to the SIP federation listeners.",
    mixinStandardHelpOptions = true,
    subcommands = {AclCommand.ListAcl.class, AclCommand.Add.class, AclCommand.Remove.class})
final class AclCommand {

  @Command(name = "list", description = "List the entries; read-only ones belong to SIP domains.")
  static final class ListAcl extends NodeCommand {
    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode entries = FailedResponse.ok(client.get("/api/v1/acl")).body();
      if (entries.isEmpty()) {
        out.println("(no entries: no peer is admitted; add 'ALL' to allow from all)");
      }
      for (JsonNode entry : entries) {
        out.printf(
            "  %-7s %-40s %-10s %s%n",
            entry.path("type").asText(),
            entry.path("pattern").asText(),
            entry.path("readOnly").asBoolean() ? "read-only" : "",
            entry.path("description").asText());
      }
      return 0;
    }
  }

  @Command(name = "add", description = "Add an entry: all, ip, cidr, fqdn or domain.")
  static final class Add extends NodeCommand {
    @Parameters(index = "0", paramLabel = "TYPE", description = "all, ip, cidr, fqdn or domain")
    String type;

    @Parameters(index = "1", paramLabel = "PATTERN", arity = "0..1", description = "omit for all")
    String pattern;

    @Option(names = "--description", paramLabel = "TEXT")
    String description = "";

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", type);
      body.put("pattern", pattern == null && type.equalsIgnoreCase("all") ? "ALL" : pattern);
      body.put("description", description);
      JsonNode result = FailedResponse.ok(client.post("/api/v1/acl", body)).body();
      out.println(
          "added "
              + result.path("value").path("type").asText()
              + " "
              + result.path("value").path("pattern").asText());
      ChangePrinter.effect(result, out);
      return 0;
    }
  }

  @Command(name = "remove", description = "Remove an entry (not a read-only one).")
  static final class Remove extends NodeCommand {
    @Parameters(index = "0", paramLabel = "TYPE")
    String type;

    @Parameters(index = "1", paramLabel = "PATTERN")
    String pattern;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode result =
          FailedResponse.ok(
                  client.delete(
                      "/api/v1/acl?type="
                          + RoutesCommand.encode(type)
                          + "&pattern="
                          + RoutesCommand.encode(pattern)))
              .body();
      out.println("removed " + type + " " + pattern);
      ChangePrinter.effect(result, out);
      return 0;
    }
  }
}
