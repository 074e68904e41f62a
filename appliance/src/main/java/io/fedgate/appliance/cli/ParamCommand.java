package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fedgate utils param list|set NAME VALUE}: runtime (service) parameters. */
@Command(
    name = "param",
    description = "List or change runtime parameters (IM&P service parameters).",
    mixinStandardHelpOptions = true,
    subcommands = {ParamCommand.ListParams.class, ParamCommand.Set.class})
final class ParamCommand {

  @Command(name = "list", description = "List parameters with their values and defaults.")
  static final class ListParams extends NodeCommand {
    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      AdminClient.Response response = client.get("/api/v1/parameters");
      if (!response.ok()) {
        return failed(response);
      }
      for (JsonNode p : response.body()) {
        out.printf(
            "  %-36s %-12s (default %s; %s: %s)%n",
            p.path("name").asText(),
            p.path("value").asText(),
            p.path("default").asText().isEmpty() ? "empty" : p.path("default").asText(),
            p.path("live").asBoolean() ? "applied live to" : "restart of",
            String.join(", ", names(p.path("affects"))));
      }
      return 0;
    }

    private static java.util.List<String> names(JsonNode array) {
      java.util.List<String> names = new java.util.ArrayList<>();
      array.forEach(n -> names.add(n.asText()));
      return names;
    }
  }

  @Command(name = "set", description = "Change a parameter (validated and audited).")
  static final class Set extends NodeCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "VALUE")
    String value;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      AdminClient.Response response =
          client.put("/api/v1/parameters/" + name, Map.of("value", value));
      if (!response.ok()) {
        return failed(response);
      }
      JsonNode body = response.body();
      out.printf(
          "%s: %s -> %s%n", name, body.path("previous").asText(), body.path("value").asText());
      if (!body.path("appliedLive").isEmpty()) {
        out.println("  applied live to: " + body.path("appliedLive"));
      }
      if (!body.path("restartRequired").isEmpty()) {
        out.println("  restart required: " + body.path("restartRequired"));
      }
      return 0;
    }
  }
}
