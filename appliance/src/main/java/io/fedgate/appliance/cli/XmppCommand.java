package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fedgate xmpp settings|dns-overrides|partners|connections|failures|test}: XMPP federation
 * (IM&P's XMPP Federation pages and Lync's XMPP partners). The federation policy is {@code fedgate
 * policy ... xmpp}.
 */
@Command(
    name = "xmpp",
    description = "XMPP federation: settings, DNS overrides, partners, live connections.",
    mixinStandardHelpOptions = true,
    subcommands = {
      XmppCommand.Settings.class,
      XmppCommand.DnsOverrides.class,
      XmppPartnersCommand.class,
      XmppLiveCommands.Connections.class,
      XmppLiveCommands.Failures.class,
      XmppLiveCommands.Test.class
    })
final class XmppCommand {

  @Command(
      name = "settings",
      description = "Show the XMPP Federation Settings, or change them with 'set'.",
      subcommands = {XmppCommand.SetSettings.class})
  static final class Settings extends NodeCommand {
    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode s = FailedResponse.ok(client.get("/api/v1/xmpp-federation/settings")).body();
      out.printf("XMPP federation:            %s%n", s.path("enabled").asBoolean() ? "on" : "off");
      out.printf("security mode:              %s%n", mode(s.path("securityMode").asText()));
      out.printf(
          "require client certificate: %s%n", s.path("requireClientCertificate").asBoolean());
      out.printf("SASL EXTERNAL inbound:      %s%n", s.path("saslExternalInbound").asBoolean());
      out.printf("SASL EXTERNAL outbound:     %s%n", s.path("saslExternalOutbound").asBoolean());
      out.printf(
          "dialback secret:            %s%n",
          s.path("dialbackSecretSet").asBoolean() ? "set" : "not set (dialback off)");
      String resolver = s.path("dnsResolver").asText();
      out.printf(
          "DNS resolver:               %s%n", resolver.isEmpty() ? "system resolver" : resolver);
      for (JsonNode o : s.path("dnsOverrides")) {
        out.printf(
            "DNS override:               %s -> %s:%d%n",
            o.path("domain").asText(), o.path("host").asText(), o.path("port").asInt());
      }
      return 0;
    }

    static String mode(String mode) {
      return switch (mode) {
        case "NO_TLS" -> "No TLS";
        case "TLS_OPTIONAL" -> "TLS Optional";
        case "TLS_REQUIRED" -> "TLS Required";
        default -> mode;
      };
    }
  }

  @Command(
      name = "set",
      description =
          "Change XMPP Federation Settings; only the options given change. Needs a restart of the"
              + " XMPP Federation Connection Manager.")
  static final class SetSettings extends NodeCommand {
    @Option(names = "--enabled", paramLabel = "true|false", description = "XMPP federation on/off")
    String enabled;

    @Option(names = "--security-mode", paramLabel = "no-tls|tls-optional|tls-required")
    String securityMode;

    @Option(names = "--require-client-cert", paramLabel = "true|false")
    String requireClientCertificate;

    @Option(names = "--sasl-inbound", paramLabel = "true|false")
    String saslInbound;

    @Option(names = "--sasl-outbound", paramLabel = "true|false")
    String saslOutbound;

    @Option(
        names = "--dialback-secret-file",
        paramLabel = "FILE",
        description = "file whose first line is the dialback secret (never on the command line)")
    Path dialbackSecretFile;

    @Option(names = "--no-dialback-secret", description = "remove the dialback secret")
    boolean noDialbackSecret;

    @Option(
        names = "--dns-resolver",
        paramLabel = "IP[:PORT]",
        description = "DNS server for SRV lookups; \"\" for the system resolver")
    String dnsResolver;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      Map<String, Object> body = new LinkedHashMap<>();
      put(body, "enabled", enabled);
      put(body, "securityMode", securityMode);
      put(body, "requireClientCertificate", requireClientCertificate);
      put(body, "saslExternalInbound", saslInbound);
      put(body, "saslExternalOutbound", saslOutbound);
      put(body, "dnsResolver", dnsResolver);
      if (dialbackSecretFile != null && noDialbackSecret) {
        throw new CliException(2, "give --dialback-secret-file or --no-dialback-secret, not both");
      }
      if (dialbackSecretFile != null) {
        body.put("dialbackSecret", readSecret(dialbackSecretFile));
      } else if (noDialbackSecret) {
        body.put("dialbackSecret", "");
      }
      if (body.isEmpty()) {
        throw new CliException(2, "nothing to change; see fedgate xmpp settings set --help");
      }
      JsonNode result =
          FailedResponse.ok(client.put("/api/v1/xmpp-federation/settings", body)).body();
      out.println("XMPP Federation Settings saved");
      ChangePrinter.effect(result, out);
      return 0;
    }

    private static String readSecret(Path file) throws CliException {
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
      } catch (IOException e) {
        throw new CliException(2, "cannot read the dialback secret file " + file + ": " + e);
      }
    }
  }

  @Command(
      name = "dns-overrides",
      description = "DNS overrides: connect to HOST:PORT for a domain instead of asking DNS.",
      subcommands = {XmppCommand.AddOverride.class, XmppCommand.RemoveOverride.class})
  static final class DnsOverrides extends NodeCommand {
    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode s = FailedResponse.ok(client.get("/api/v1/xmpp-federation/settings")).body();
      for (JsonNode o : s.path("dnsOverrides")) {
        out.printf(
            "  %-36s %s:%d  %s%n",
            o.path("domain").asText(),
            o.path("host").asText(),
            o.path("port").asInt(),
            o.path("description").asText());
      }
      return 0;
    }
  }

  @Command(name = "add", description = "Add a DNS override.")
  static final class AddOverride extends NodeCommand {
    @Parameters(index = "0", paramLabel = "DOMAIN")
    String domain;

    @Parameters(index = "1", paramLabel = "HOST")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "5269")
    String port;

    @Option(names = "--description", paramLabel = "TEXT", defaultValue = "")
    String description;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("domain", domain);
      body.put("host", host);
      body.put("port", port);
      body.put("description", description);
      JsonNode result =
          FailedResponse.ok(client.post("/api/v1/xmpp-federation/dns-overrides", body)).body();
      JsonNode v = result.path("value");
      out.printf(
          "DNS override %s -> %s:%d%n",
          v.path("domain").asText(), v.path("host").asText(), v.path("port").asInt());
      ChangePrinter.effect(result, out);
      return 0;
    }
  }

  @Command(name = "remove", description = "Remove a DNS override.")
  static final class RemoveOverride extends NodeCommand {
    @Parameters(index = "0", paramLabel = "DOMAIN")
    String domain;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode result =
          FailedResponse.ok(
                  client.delete(
                      "/api/v1/xmpp-federation/dns-overrides/" + RoutesCommand.encode(domain)))
              .body();
      out.println("removed the DNS override of " + domain);
      ChangePrinter.effect(result, out);
      return 0;
    }
  }

  static void put(Map<String, Object> body, String field, String value) {
    if (value != null) {
      body.put(field, value);
    }
  }
}
