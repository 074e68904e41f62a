package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fedgate policy show|set|add-exception|remove-exception}: the federation policy. */
@Command(
    name = "policy",
    description = "Federation policy per protocol (xmpp, sip): default and domain exceptions.",
    mixinStandardHelpOptions = true,
    subcommands = {
      PolicyCommand.Show.class,
      PolicyCommand.Set.class,
      PolicyCommand.AddException.class,
      PolicyCommand.RemoveException.class
    })
final class PolicyCommand {

  @Command(name = "show", description = "Show the policy of one protocol, or both.")
  static final class Show extends NodeCommand {
    @Parameters(index = "0", paramLabel = "PROTOCOL", arity = "0..1", description = "xmpp or sip")
    String protocol;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      for (String p : protocol == null ? new String[] {"xmpp", "sip"} : new String[] {protocol}) {
        JsonNode body = FailedResponse.ok(client.get("/api/v1/policy/" + p)).body();
        JsonNode policy = body.path("policy");
        String exceptionAction =
            policy.path("defaultAction").asText().equals("ALLOW") ? "deny" : "allow";
        out.printf(
            "%s policy: default %s%n",
            body.path("protocol").asText(), policy.path("defaultAction").asText().toLowerCase());
        for (JsonNode e : policy.path("exceptions")) {
          out.printf(
              "  %s %-40s %s%n",
              exceptionAction,
              e.path("domain").asText(),
              e.path("direction").asText().toLowerCase());
        }
      }
      return 0;
    }
  }

  @Command(name = "set", description = "Set the default: allow (all but exceptions) or deny.")
  static final class Set extends NodeCommand {
    @Parameters(index = "0", paramLabel = "PROTOCOL")
    String protocol;

    @Parameters(index = "1", paramLabel = "allow|deny")
    String action;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode body =
          FailedResponse.ok(client.put("/api/v1/policy/" + protocol, Map.of("default", action)))
              .body();
      out.println(
          protocol
              + " policy: default "
              + body.path("value").path("defaultAction").asText().toLowerCase());
      ChangePrinter.effect(body, out);
      return 0;
    }
  }

  @Command(name = "add-exception", description = "Add a domain (or *.domain) exception.")
  static final class AddException extends NodeCommand {
    @Parameters(index = "0", paramLabel = "PROTOCOL")
    String protocol;

    @Parameters(index = "1", paramLabel = "DOMAIN", description = "example.com or *.example.com")
    String domain;

    @Option(names = "--direction", paramLabel = "incoming|outgoing|both", defaultValue = "both")
    String direction;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode body =
          FailedResponse.ok(
                  client.post(
                      "/api/v1/policy/" + protocol + "/exceptions",
                      Map.of("domain", domain, "direction", direction)))
              .body();
      out.println("added " + protocol + " exception " + domain + " (" + direction + ")");
      ChangePrinter.effect(body, out);
      return 0;
    }
  }

  @Command(name = "remove-exception", description = "Remove a domain exception.")
  static final class RemoveException extends NodeCommand {
    @Parameters(index = "0", paramLabel = "PROTOCOL")
    String protocol;

    @Parameters(index = "1", paramLabel = "DOMAIN")
    String domain;

    @Option(
        names = "--direction",
        paramLabel = "incoming|outgoing|both",
        description = "default: every direction")
    String direction;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      String query =
          "?domain="
              + RoutesCommand.encode(domain)
              + (direction == null ? "" : "&direction=" + direction);
      JsonNode body =
          FailedResponse.ok(client.delete("/api/v1/policy/" + protocol + "/exceptions" + query))
              .body();
      out.println("removed " + protocol + " exception " + domain);
      ChangePrinter.effect(body, out);
      return 0;
    }
  }
}
