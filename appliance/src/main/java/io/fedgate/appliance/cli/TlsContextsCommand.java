package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fedgate tls contexts list|show|set}: named TLS contexts. */
@Command(
    name = "contexts",
    description = "Named TLS contexts: protocols, cipher profile, peer subjects.",
    mixinStandardHelpOptions = true,
    subcommands = {
      TlsContextsCommand.ListContexts.class,
      TlsContextsCommand.Show.class,
      TlsContextsCommand.Set.class
    })
final class TlsContextsCommand {
  static final String CONTEXTS = "/api/v1/tls/contexts";

  @Command(name = "list", description = "List the TLS contexts.")
  static final class ListContexts extends NodeCommand {
    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      for (JsonNode context : FailedResponse.ok(client.get(CONTEXTS)).body()) {
        print(context, out);
      }
      return 0;
    }
  }

  @Command(name = "show", description = "Show one TLS context.")
  static final class Show extends NodeCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      print(FailedResponse.ok(client.get(CONTEXTS + "/" + CertsCommand.encode(name))).body(), out);
      return 0;
    }
  }

  @Command(name = "set", description = "Change the given fields of a TLS context.")
  static final class Set extends NodeCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--protocols", paramLabel = "P", description = "TLSv1.2,TLSv1.3")
    String protocols;

    @Option(
        names = "--cipher-profile",
        paramLabel = "PROFILE",
        description = "modern, lync-compatible or custom")
    String cipherProfile;

    @Option(
        names = "--cipher-suites",
        paramLabel = "S",
        description = "for custom: JSSE suite names, comma-separated")
    String cipherSuites;

    @Option(
        names = "--peer-subjects",
        paramLabel = "a,b",
        description = "the peer subjects allowed (\"\" = any)")
    String peerSubjects;

    @Option(names = "--disable-empty-fragments", paramLabel = "true|false", arity = "1")
    String disableEmptyFragments;

    @Option(names = "--description", paramLabel = "D")
    String description;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      Map<String, Object> body = new LinkedHashMap<>();
      put(body, "protocols", protocols);
      put(body, "cipherProfile", cipherProfile);
      put(body, "cipherSuites", cipherSuites);
      put(body, "peerSubjects", peerSubjects);
      put(body, "disableEmptyTlsFragments", disableEmptyFragments);
      put(body, "description", description);
      if (body.isEmpty()) {
        throw new CliException(
            FedgateCli.EXIT_INVALID, "nothing to change: give at least one option");
      }
      JsonNode result =
          FailedResponse.ok(client.put(CONTEXTS + "/" + CertsCommand.encode(name), body)).body();
      print(result.path("value"), out);
      ChangePrinter.effect(result, out);
      return 0;
    }

    private static void put(Map<String, Object> body, String field, String value) {
      if (value != null) {
        body.put(field, value);
      }
    }
  }

  static void print(JsonNode context, PrintWriter out) {
    out.println(context.path("name").asText());
    out.printf("  description:     %s%n", context.path("description").asText());
    out.printf("  protocols:       %s%n", ChangePrinter.names(context.path("protocols")));
    out.printf("  cipher profile:  %s%n", context.path("cipherProfile").asText());
    if (!context.path("cipherSuites").isEmpty()) {
      out.printf("  cipher suites:   %s%n", ChangePrinter.names(context.path("cipherSuites")));
    }
    String subjects = ChangePrinter.names(context.path("peerSubjects"));
    out.printf("  peer subjects:   %s%n", subjects.isEmpty() ? "(any)" : subjects);
    out.printf(
        "  disable empty TLS fragments: %s%n",
        context.path("disableEmptyTlsFragments").asBoolean());
  }
}
