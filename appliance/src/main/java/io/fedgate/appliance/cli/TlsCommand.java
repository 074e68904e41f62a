package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fedgate tls peer-subjects list|add|remove} and {@code fedgate tls contexts list|show|set}:
 * IM&P's TLS Peer Subjects and TLS Context Configuration. Changes flag the SIP Proxy "restart
 * required".
 */
@Command(
    name = "tls",
    description = "TLS peer subjects and TLS contexts (System > Security).",
    mixinStandardHelpOptions = true,
    subcommands = {TlsCommand.PeerSubjects.class, TlsContextsCommand.class})
final class TlsCommand {
  static final String SUBJECTS = "/api/v1/tls/peer-subjects";

  @Command(
      name = "peer-subjects",
      description = "Peer names (FQDN or IP) allowed on the peer-auth SIP listener.",
      mixinStandardHelpOptions = true,
      subcommands = {
        PeerSubjects.ListSubjects.class,
        PeerSubjects.Add.class,
        PeerSubjects.Remove.class
      })
  static final class PeerSubjects {

    @Command(name = "list", description = "List the TLS peer subjects.")
    static final class ListSubjects extends NodeCommand {
      @Override
      int run(AdminClient client, PrintWriter out) throws CliException {
        for (JsonNode s : FailedResponse.ok(client.get(SUBJECTS)).body()) {
          out.printf(
              "  %-40s %s%n", s.path("subjectName").asText(), s.path("description").asText());
        }
        return 0;
      }
    }

    @Command(name = "add", description = "Add a TLS peer subject.")
    static final class Add extends NodeCommand {
      @Parameters(index = "0", paramLabel = "NAME", description = "FQDN or IP address")
      String name;

      @Option(names = "--description", paramLabel = "D", defaultValue = "")
      String description;

      @Override
      int run(AdminClient client, PrintWriter out) throws CliException {
        JsonNode result =
            FailedResponse.ok(
                    client.post(SUBJECTS, Map.of("name", name, "description", description)))
                .body();
        out.println("added TLS peer subject " + result.path("value").path("subjectName").asText());
        ChangePrinter.effect(result, out);
        return 0;
      }
    }

    @Command(name = "remove", description = "Remove a TLS peer subject (and its context mappings).")
    static final class Remove extends NodeCommand {
      @Parameters(index = "0", paramLabel = "NAME")
      String name;

      @Override
      int run(AdminClient client, PrintWriter out) throws CliException {
        JsonNode result =
            FailedResponse.ok(client.delete(SUBJECTS + "/" + CertsCommand.encode(name))).body();
        out.println("removed TLS peer subject " + name);
        ChangePrinter.effect(result, out);
        return 0;
      }
    }
  }
}
