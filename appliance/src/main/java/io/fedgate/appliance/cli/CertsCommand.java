package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fedgate certs ...}: the certificate stores of a running node ({@code cup}, {@code
 * cup-trust}, {@code cup-xmpp}, {@code cup-xmpp-trust}, {@code admin}), as IM&P's Certificate
 * Management. Reading commands here, changes in {@link CertsChangeCommands}.
 */
@Command(
    name = "certs",
    description = "Certificate stores: list, show, import, CSR, regenerate, export, delete.",
    mixinStandardHelpOptions = true,
    subcommands = {
      CertsCommand.ListCerts.class,
      CertsCommand.Show.class,
      CertsCommand.Check.class,
      CertsChangeCommands.ImportTrust.class,
      CertsChangeCommands.ImportIdentity.class,
      CertsChangeCommands.Csr.class,
      CertsChangeCommands.ImportSigned.class,
      CertsChangeCommands.Regenerate.class,
      CertsCommand.Export.class,
      CertsCommand.Delete.class
    })
final class CertsCommand {
  static final String API = "/api/v1/certificates";

  @Command(name = "list", description = "List the entries with their certificate details.")
  static final class ListCerts extends NodeCommand {
    @Option(names = "--store", paramLabel = "STORE", description = "only this store")
    String store;

    @Option(names = "--json", description = "print the raw JSON answer")
    boolean json;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      String path = store == null ? API : API + "?store=" + encode(store);
      JsonNode entries = FailedResponse.ok(client.get(path)).body();
      if (json) {
        out.println(entries.toPrettyString());
        return 0;
      }
      for (JsonNode entry : entries) {
        CertificatePrinter.entry(entry, false, out);
      }
      return 0;
    }
  }

  @Command(name = "show", description = "Show one entry with its whole chain.")
  static final class Show extends NodeCommand {
    @Parameters(index = "0", paramLabel = "STORE")
    String store;

    @Parameters(index = "1", paramLabel = "ALIAS")
    String alias;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      CertificatePrinter.entry(
          FailedResponse.ok(client.get(entry(store, alias))).body(), true, out);
      return 0;
    }
  }

  @Command(
      name = "check",
      description =
          "Pre-flight of the identity a store presents: names, EKUs, key, validity, chain.")
  static final class Check extends NodeCommand {
    @Parameters(index = "0", paramLabel = "STORE", description = "cup, cup-xmpp or admin")
    String store;

    @Parameters(
        index = "1",
        paramLabel = "ALIAS",
        arity = "0..1",
        description = "default: the identity the store presents")
    String alias;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      com.fasterxml.jackson.databind.JsonNode report =
          FailedResponse.ok(client.get(entry(store, alias == null ? store : alias) + "/preflight"))
              .body();
      for (com.fasterxml.jackson.databind.JsonNode finding : report.path("findings")) {
        out.printf(
            "  %-7s %-28s %s%n",
            finding.path("severity").asText(),
            finding.path("code").asText(),
            finding.path("detail").asText());
      }
      boolean usable = report.path("usable").asBoolean();
      out.println(store + (usable ? ": usable" : ": NOT usable (fix the errors above)"));
      return usable ? 0 : 1;
    }
  }

  @Command(
      name = "export",
      description = "Print the certificates of an entry as PEM (a pending CSR for a request).")
  static final class Export extends NodeCommand {
    @Parameters(index = "0", paramLabel = "STORE")
    String store;

    @Parameters(index = "1", paramLabel = "ALIAS")
    String alias;

    @Option(names = "--out", paramLabel = "FILE", description = "write the PEM to FILE")
    Path file;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      String pem =
          FailedResponse.ok(client.get(entry(store, alias) + "/pem")).body().path("pem").asText();
      writeOrPrint(pem, file, out);
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete an entry (not the identity the node presents).")
  static final class Delete extends NodeCommand {
    @Parameters(index = "0", paramLabel = "STORE")
    String store;

    @Parameters(index = "1", paramLabel = "ALIAS")
    String alias;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode result = FailedResponse.ok(client.delete(entry(store, alias))).body();
      out.println("deleted " + store + "/" + alias);
      ChangePrinter.effect(result, out);
      return 0;
    }
  }

  /** One path segment or query value as typed by the operator, percent-encoded. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code /api/v1/certificates/STORE/ALIAS}. */
  static String entry(String store, String alias) {
    return API + "/" + encode(store) + "/" + encode(alias);
  }

  /** Writes PEM text to a file, or prints it. */
  static void writeOrPrint(String pem, Path file, PrintWriter out) throws CliException {
    if (file == null) {
      out.print(pem);
      out.flush();
      return;
    }
    try {
      Files.writeString(file, pem, StandardCharsets.US_ASCII);
      out.println("wrote " + file);
    } catch (IOException e) {
      throw new CliException(FedgateCli.EXIT_INVALID, "cannot write " + file + ": " + e);
    }
  }
}
