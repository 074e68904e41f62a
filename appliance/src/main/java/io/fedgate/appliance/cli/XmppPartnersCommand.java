package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fedgate xmpp partners list|show|add|set|remove}: Lync-style XMPP partners. */
@Command(
    name = "partners",
    description = "XMPP partners (as Lync's XmppAllowedPartner): domains and negotiation.",
    mixinStandardHelpOptions = true,
    subcommands = {
      XmppPartnersCommand.ListPartners.class,
      XmppPartnersCommand.Show.class,
      XmppPartnersCommand.Add.class,
      XmppPartnersCommand.Set.class,
      XmppPartnersCommand.Remove.class
    })
final class XmppPartnersCommand {

  @Command(name = "list", description = "List the XMPP partners.")
  static final class ListPartners extends NodeCommand {
    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      out.printf(
          "%-30s %-18s %-13s %-13s %-8s %s%n",
          "domain", "type", "tls", "sasl", "dialback", "additional domains");
      for (JsonNode view : FailedResponse.ok(client.get("/api/v1/xmpp-partners")).body()) {
        JsonNode p = view.path("partner");
        out.printf(
            "%-30s %-18s %-13s %-13s %-8s %s%n",
            p.path("primaryDomain").asText(),
            lower(p.path("partnerType")),
            lower(p.path("tlsNegotiation")),
            lower(p.path("saslNegotiation")),
            p.path("dialback").asBoolean(),
            ChangePrinter.names(p.path("additionalDomains")));
      }
      return 0;
    }
  }

  @Command(name = "show", description = "Show one XMPP partner with the matrix warnings.")
  static final class Show extends NodeCommand {
    @Parameters(index = "0", paramLabel = "DOMAIN")
    String domain;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      print(
          FailedResponse.ok(client.get("/api/v1/xmpp-partners/" + RoutesCommand.encode(domain)))
              .body(),
          out);
      return 0;
    }
  }

  /** The partner fields a command may set; only the given ones are sent. */
  abstract static class PartnerOptions extends NodeCommand {
    @Option(
        names = "--additional-domains",
        paramLabel = "D1,D2",
        description = "other domains of the partner, comma-separated (\"\" for none)")
    String additionalDomains;

    @Option(names = "--type", paramLabel = "federated|public-verified|public-unverified")
    String type;

    @Option(names = "--tls", paramLabel = "required|optional|not-supported")
    String tls;

    @Option(names = "--sasl", paramLabel = "required|optional|not-supported")
    String sasl;

    @Option(names = "--dialback", paramLabel = "true|false")
    String dialback;

    @Option(names = "--proxy-fqdn", paramLabel = "HOST", description = "\"\" for none")
    String proxyFqdn;

    @Option(names = "--connection-limit", paramLabel = "1..1000")
    String connectionLimit;

    @Option(names = "--keep-alive", paramLabel = "true|false")
    String keepAlive;

    @Option(names = "--description", paramLabel = "TEXT")
    String description;

    Map<String, Object> body() {
      Map<String, Object> body = new LinkedHashMap<>();
      XmppCommand.put(body, "additionalDomains", additionalDomains);
      XmppCommand.put(body, "partnerType", type);
      XmppCommand.put(body, "tlsNegotiation", tls);
      XmppCommand.put(body, "saslNegotiation", sasl);
      XmppCommand.put(body, "dialback", dialback);
      XmppCommand.put(body, "proxyFqdn", proxyFqdn);
      XmppCommand.put(body, "connectionLimit", connectionLimit);
      XmppCommand.put(body, "keepAlive", keepAlive);
      XmppCommand.put(body, "description", description);
      return body;
    }
  }

  @Command(
      name = "add",
      description =
          "Add a partner; defaults as Lync: federated, TLS required, SASL required, no dialback.")
  static final class Add extends PartnerOptions {
    @Parameters(index = "0", paramLabel = "DOMAIN", description = "the primary domain")
    String domain;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      Map<String, Object> body = body();
      body.put("primaryDomain", domain);
      JsonNode result = FailedResponse.ok(client.post("/api/v1/xmpp-partners", body)).body();
      out.println(
          "added XMPP partner "
              + result.path("value").path("partner").path("primaryDomain").asText());
      warnings(result.path("value"), out);
      ChangePrinter.effect(result, out);
      return 0;
    }
  }

  @Command(name = "set", description = "Change a partner; only the options given change.")
  static final class Set extends PartnerOptions {
    @Parameters(index = "0", paramLabel = "DOMAIN", description = "the primary domain")
    String domain;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode result =
          FailedResponse.ok(
                  client.put("/api/v1/xmpp-partners/" + RoutesCommand.encode(domain), body()))
              .body();
      out.println("updated XMPP partner " + domain);
      warnings(result.path("value"), out);
      ChangePrinter.effect(result, out);
      return 0;
    }
  }

  @Command(name = "remove", description = "Remove a partner.")
  static final class Remove extends NodeCommand {
    @Parameters(index = "0", paramLabel = "DOMAIN")
    String domain;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode result =
          FailedResponse.ok(client.delete("/api/v1/xmpp-partners/" + RoutesCommand.encode(domain)))
              .body();
      out.println("removed XMPP partner " + domain);
      ChangePrinter.effect(result, out);
      return 0;
    }
  }

  static void print(JsonNode view, PrintWriter out) {
    JsonNode p = view.path("partner");
    out.printf("primary domain:     %s%n", p.path("primaryDomain").asText());
    out.printf("additional domains: %s%n", ChangePrinter.names(p.path("additionalDomains")));
    out.printf("partner type:       %s%n", lower(p.path("partnerType")));
    out.printf("TLS negotiation:    %s%n", lower(p.path("tlsNegotiation")));
    out.printf("SASL negotiation:   %s%n", lower(p.path("saslNegotiation")));
    out.printf("dialback:           %s%n", p.path("dialback").asBoolean());
    out.printf("proxy FQDN:         %s%n", p.path("proxyFqdn").asText());
    out.printf("connection limit:   %d%n", p.path("connectionLimit").asInt());
    out.printf("keep-alive:         %s%n", p.path("keepAlive").asBoolean());
    out.printf("description:        %s%n", p.path("description").asText());
    warnings(view, out);
  }

  static void warnings(JsonNode view, PrintWriter out) {
    for (JsonNode warning : view.path("warnings")) {
      out.println("  warning: " + warning.asText());
    }
  }

  private static String lower(JsonNode value) {
    return value.asText().toLowerCase().replace('_', '-');
  }
}
