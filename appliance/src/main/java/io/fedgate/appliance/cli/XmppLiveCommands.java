package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fedgate xmpp connections|failures|test}: the live side of XMPP federation. */
final class XmppLiveCommands {
  private XmppLiveCommands() {}

  @Command(name = "connections", description = "List the live S2S domain pairs.")
  static final class Connections extends NodeCommand {
    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode body = FailedResponse.ok(client.get("/api/v1/connections")).body();
      if (!body.path("active").asBoolean()) {
        out.println("XMPP federation is not running (off, or the service is stopped)");
        return 0;
      }
      out.printf(
          "%-24s %-24s %-8s %-22s %-8s %-24s %-13s %6s %6s  %s%n",
          "local", "remote", "dir", "peer", "tls", "cipher", "auth", "in", "out", "since");
      for (JsonNode c : body.path("connections")) {
        out.printf(
            "%-24s %-24s %-8s %-22s %-8s %-24s %-13s %6d %6d  %s%n",
            c.path("localDomain").asText(),
            c.path("remoteDomain").asText(),
            c.path("direction").asText().toLowerCase(),
            c.path("peerAddress").asText(),
            dash(c.path("tlsVersion").asText()),
            dash(c.path("cipherSuite").asText()),
            c.path("authMethod").asText(),
            c.path("stanzasIn").asLong(),
            c.path("stanzasOut").asLong(),
            c.path("since").asText());
      }
      return 0;
    }
  }

  @Command(name = "failures", description = "Recent S2S failures of a domain, newest first.")
  static final class Failures extends NodeCommand {
    @Parameters(index = "0", paramLabel = "DOMAIN")
    String domain;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode body =
          FailedResponse.ok(
                  client.get(
                      "/api/v1/xmpp-federation/failures?domain=" + RoutesCommand.encode(domain)))
              .body();
      if (body.path("failures").isEmpty()) {
        out.println("no failures recorded for " + body.path("domain").asText());
      }
      for (JsonNode f : body.path("failures")) {
        out.printf(
            "%s %-8s %-26s %s%s%n",
            f.path("at").asText(),
            f.path("direction").asText().toLowerCase(),
            f.path("reason").asText(),
            f.path("peerAddress").asText().isEmpty() ? "" : f.path("peerAddress").asText() + " ",
            f.path("detail").asText());
      }
      return 0;
    }
  }

  @Command(name = "test", description = "Run one outbound S2S negotiation and print each step.")
  static final class Test extends NodeCommand {
    @Parameters(index = "0", paramLabel = "DOMAIN")
    String domain;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode body =
          FailedResponse.ok(
                  client.post(
                      "/api/v1/xmpp-federation/test?domain=" + RoutesCommand.encode(domain)))
              .body();
      boolean failed = false;
      for (JsonNode step : body.path("steps")) {
        String outcome = step.path("outcome").asText();
        failed |= outcome.equals("FAILED");
        out.printf(
            "%-14s %-8s %s%n", step.path("step").asText(), outcome, step.path("detail").asText());
      }
      return failed ? 1 : 0;
    }
  }

  private static String dash(String text) {
    return text.isEmpty() ? "-" : text;
  }
}
