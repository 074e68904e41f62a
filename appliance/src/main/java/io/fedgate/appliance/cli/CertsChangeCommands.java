package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code fedgate certs} commands that change a store. Files are read here and sent as the
 * request body; a password travels in a header over the admin HTTPS connection and is never
 * printed. Identity commands act on the identity the node presents ({@code cup/cup}, ...).
 */
final class CertsChangeCommands {
  /** The node's header for a key password: base64 of its UTF-8 bytes. */
  static final String PASSWORD_HEADER = "X-Fedgate-Key-Password";

  private CertsChangeCommands() {}

  @Command(
      name = "import-trust",
      description = "Trust the certificates of FILE (PEM, DER, PKCS#7).")
  static final class ImportTrust extends NodeCommand {
    @Parameters(index = "0", paramLabel = "STORE", description = "cup-trust or cup-xmpp-trust")
    String store;

    @Parameters(index = "1", paramLabel = "FILE")
    Path file;

    @Option(
        names = "--alias",
        paramLabel = "A",
        description = "default: the file name without extension")
    String alias;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      String name = alias != null ? alias : defaultAlias(file);
      byte[] content = UploadFile.read(file);
      return changed(
          client.upload(path(store, "trust?alias=" + CertsCommand.encode(name)), content, Map.of()),
          out);
    }
  }

  @Command(
      name = "import-identity",
      description = "Install a key and chain (PKCS#12, or PEM) as the store's identity.")
  static final class ImportIdentity extends NodeCommand {
    @Parameters(index = "0", paramLabel = "STORE", description = "cup, cup-xmpp or admin")
    String store;

    @Parameters(index = "1", paramLabel = "FILE", description = "PKCS#12, or PEM chain (+ key)")
    Path file;

    @Option(
        names = "--key-password-file",
        paramLabel = "F",
        description = "file holding the PKCS#12 or key password (first line)")
    Path passwordFile;

    @Option(names = "--key", paramLabel = "FILE", description = "PEM private key, if not in FILE")
    Path key;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      byte[] content = UploadFile.read(file);
      if (key != null) {
        if (!UploadFile.isPem(content)) {
          throw new CliException(FedgateCli.EXIT_INVALID, "with --key, FILE must be a PEM chain");
        }
        content = concat(UploadFile.read(key), content);
      }
      Map<String, String> headers = new HashMap<>();
      if (passwordFile != null) {
        byte[] password = UploadFile.password(passwordFile).getBytes(StandardCharsets.UTF_8);
        headers.put(PASSWORD_HEADER, Base64.getEncoder().encodeToString(password));
      }
      return changed(client.upload(path(store, "identity"), content, headers), out);
    }
  }

  @Command(
      name = "csr",
      description = "Generate a key (kept sealed on the node) and print its CSR (PKCS#10).")
  static final class Csr extends NodeCommand {
    @Parameters(index = "0", paramLabel = "STORE", description = "cup, cup-xmpp or admin")
    String store;

    @Option(
        names = "--key-type",
        paramLabel = "TYPE",
        defaultValue = "RSA_2048",
        description = "RSA_2048 (default), RSA_3072, RSA_4096, EC_P256, EC_P384")
    String keyType;

    @Option(names = "--out", paramLabel = "FILE", description = "write the CSR to FILE")
    Path file;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode result =
          FailedResponse.ok(client.post(path(store, "csr"), Map.of("keyType", keyType))).body();
      CertsCommand.writeOrPrint(result.path("csr").asText(), file, out);
      return 0;
    }
  }

  @Command(
      name = "import-signed",
      description = "Install the CA's certificate (PEM, DER, PKCS#7) for the pending CSR.")
  static final class ImportSigned extends NodeCommand {
    @Parameters(index = "0", paramLabel = "STORE", description = "cup, cup-xmpp or admin")
    String store;

    @Parameters(index = "1", paramLabel = "FILE")
    Path file;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      return changed(client.upload(path(store, "signed"), UploadFile.read(file), Map.of()), out);
    }
  }

  @Command(
      name = "regenerate",
      description = "Replace the store's identity by a new self-signed one.")
  static final class Regenerate extends NodeCommand {
    @Parameters(index = "0", paramLabel = "STORE", description = "cup, cup-xmpp or admin")
    String store;

    @Option(
        names = "--days",
        paramLabel = "N",
        defaultValue = "730",
        description = "validity (default 730)")
    int days;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      return changed(client.post(path(store, "regenerate"), Map.of("validityDays", days)), out);
    }
  }

  private static String path(String store, String operation) {
    return CertsCommand.API + "/" + CertsCommand.encode(store) + "/" + operation;
  }

  private static int changed(AdminClient.Response response, PrintWriter out) {
    JsonNode result = FailedResponse.ok(response).body();
    CertificatePrinter.entry(result.path("certificate"), false, out);
    ChangePrinter.effect(result, out);
    return 0;
  }

  /** The file name without its extension, reduced to the characters an alias may have. */
  static String defaultAlias(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return stem.replaceAll("[^A-Za-z0-9._-]", "-");
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = new byte[first.length + 1 + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    both[first.length] = '\n';
    System.arraycopy(second, 0, both, first.length + 1, second.length);
    return both;
  }
}
