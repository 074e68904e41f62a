package io.fedgate.appliance.node;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The CLI's credential for the local node: an API token in {@code <data>/secrets/cli.credential},
 * readable only by the owner of the data directory. The database holds only its hash.
 */
public record LocalCredential(String username, String token) {
  public static final String TOKEN_NAME = "local-cli";
  private static final String FILE = "cli.credential";

  public void write(Path secretsDir) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("user", username);
    properties.setProperty("token", token);
    StringWriter text = new StringWriter();
    properties.store(text, "fedgate local CLI credential: keep private");
    DataDirectory.writeOwnerOnly(
        secretsDir.resolve(FILE), text.toString().getBytes(StandardCharsets.UTF_8));
  }

  public static Optional<LocalCredential> read(Path dataDir) throws IOException {
    Path file = dataDir.resolve("secrets").resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    String token = properties.getProperty("token");
    return token == null
        ? Optional.empty()
        : Optional.of(new LocalCredential(properties.getProperty("user", "admin"), token));
  }

  @Override
  public String toString() {
    return "LocalCredential[" + username + ", token=***]";
  }
}
