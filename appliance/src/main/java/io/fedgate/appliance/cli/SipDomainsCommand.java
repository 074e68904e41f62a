package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fedgate sip-domains list|add|remove}: SIP federated domains. */
@Command(
    name = "sip-domains",
    description = "SIP federated domains (Presence > Inter-Domain Federation > SIP Federation).",
    mixinStandardHelpOptions = true,
    subcommands = {
      SipDomainsCommand.ListDomains.class,
      SipDomainsCommand.Add.class,
      SipDomainsCommand.Remove.class
    })
final class SipDomainsCommand {

  @Command(name = "list", description = "List the SIP federated domains.")
  static final class ListDomains extends NodeCommand {
    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      for (JsonNode d : FailedResponse.ok(client.get("/api/v1/sip-domains")).body()) {
        out.printf(
            "  %-36s %-9s %s%s%n",
            d.path("domainName").asText(),
            d.path("integrationType").asText(),
            d.path("directFederation").asBoolean() ? "direct" : "via Expressway",
            d.path("defaultRoutingDomain").isNull()
                ? ""
                : " (default routing domain " + d.path("defaultRoutingDomain").asText() + ")");
      }
      return 0;
    }
  }

  @Command(name = "add", description = "Federate a domain; creates its read-only ACL entry.")
  static final class Add extends NodeCommand {
    @Parameters(index = "0", paramLabel = "DOMAIN")
    String domain;

    @Option(names = "--type", paramLabel = "lync|office365|ocs-tcp|aol", defaultValue = "lync")
    String type;

    @Option(names = "--default-routing-domain", paramLabel = "DOMAIN", description = "for aol")
    String defaultRoutingDomain;

    @Option(names = "--description", paramLabel = "TEXT", defaultValue = "")
    String description;

    @Option(names = "--direct", paramLabel = "true|false", defaultValue = "true", arity = "1")
    boolean direct;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("domainName", domain);
      body.put("integrationType", type);
      body.put("description", description);
      body.put("directFederation", direct);
      if (defaultRoutingDomain != null) {
        body.put("defaultRoutingDomain", defaultRoutingDomain);
      }
      JsonNode result = FailedResponse.ok(client.post("/api/v1/sip-domains", body)).body();
      out.println("federated " + result.path("value").path("domainName").asText());
      ChangePrinter.effect(result, out);
      return 0;
    }
  }

  @Command(name = "remove", description = "Stop federating a domain; removes its ACL entry.")
  static final class Remove extends NodeCommand {
    @Parameters(index = "0", paramLabel = "DOMAIN")
    String domain;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode result =
          FailedResponse.ok(client.delete("/api/v1/sip-domains/" + RoutesCommand.encode(domain)))
              .body();
      out.println("removed " + domain);
      ChangePrinter.effect(result, out);
      return 0;
    }
  }
}
