package io.fedgate.appliance.node;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running node publishes in {@code <data>/run/} so that the CLI finds it: its pid, the admin
 * endpoint's URL (with the bound port) and the admin certificate to pin.
 */
public record RunInfo(long pid, URI adminUrl, String adminCertificatePem) {
  private static final String FILE = "node.properties";
  private static final String CERT = "admin.pem";

  public void write(Path runDir) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("pid", Long.toString(pid));
    properties.setProperty("admin.url", adminUrl.toString());
    StringWriter text = new StringWriter();
    properties.store(text, "fedgate node (removed on shutdown)");
    DataDirectory.writeOwnerOnly(
        runDir.resolve(CERT), adminCertificatePem.getBytes(StandardCharsets.US_ASCII));
    DataDirectory.writeOwnerOnly(
        runDir.resolve(FILE), text.toString().getBytes(StandardCharsets.UTF_8));
  }

  public static void delete(Path runDir) throws IOException {
    Files.deleteIfExists(runDir.resolve(FILE));
    Files.deleteIfExists(runDir.resolve(CERT));
  }

  /** The published run info of the node using {@code dataDir}, if one is running. */
  public static Optional<RunInfo> read(Path dataDir) throws IOException {
    Path runDir = dataDir.resolve("run");
    Path file = runDir.resolve(FILE);
    if (!Files.exists(file) || !Files.exists(runDir.resolve(CERT))) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    return Optional.of(
        new RunInfo(
            Long.parseLong(properties.getProperty("pid", "0")),
            URI.create(properties.getProperty("admin.url")),
            Files.readString(runDir.resolve(CERT), StandardCharsets.US_ASCII)));
  }
}
