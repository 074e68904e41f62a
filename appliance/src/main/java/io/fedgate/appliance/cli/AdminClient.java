package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.appliance.node.LocalCredential;
import io.fedgate.appliance.node.RunInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** A JSON client of a node's admin endpoint, set up from {@link NodeOptions}. */
final class AdminClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A decoded answer. */
  record Response(int status, JsonNode body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The error text the node sent, for the operator. */
    String error() {
      if (body.has("problems")) {
        StringBuilder text = new StringBuilder(body.path("error").asText("refused"));
        body.get("problems")
            .forEach(
                p ->
                    text.append(System.lineSeparator())
                        .append("  ")
                        .append(p.path("field").asText())
                        .append(": ")
                        .append(p.path("message").asText()));
        return text.toString();
      }
      String message = body.path("title").asText(body.path("error").asText(body.toString()));
      return "HTTP " + status + ": " + message;
    }
  }

  private final HttpClient http;
  private final URI base;
  private final String authorization;

  private AdminClient(HttpClient http, URI base, String authorization) {
    this.http = http;
    this.base = base;
    this.authorization = authorization;
  }

  static AdminClient connect(NodeOptions options) throws CliException {
    try {
      return options.url != null ? remote(options) : local(options.resolveDataDir());
    } catch (AccessDeniedException e) {
      throw new CliException(
          FedgateCli.EXIT_UNAVAILABLE,
          "cannot read " + e.getFile() + ": run the CLI as the owner of the data directory");
    } catch (IOException | GeneralSecurityException e) {
      throw new CliException(FedgateCli.EXIT_UNAVAILABLE, "cannot set up the connection: " + e);
    }
  }

  private static AdminClient local(Path dataDir)
      throws IOException, GeneralSecurityException, CliException {
    Optional<RunInfo> run = RunInfo.read(dataDir);
    Optional<LocalCredential> credential = LocalCredential.read(dataDir);
    if (run.isEmpty() || credential.isEmpty()) {
      throw new CliException(
          FedgateCli.EXIT_UNAVAILABLE,
          "no fedgate node is running with data directory "
              + dataDir.toAbsolutePath()
              + " (start one with: fedgate run --data-dir "
              + dataDir
              + ")");
    }
    X509Certificate pinned = (X509Certificate) certificates(run.get().adminCertificatePem())[0];
    return new AdminClient(
        client(new TrustManager[] {new PinnedTrust(pinned)}),
        run.get().adminUrl(),
        "Bearer " + credential.get().token());
  }

  private static AdminClient remote(NodeOptions options)
      throws IOException, GeneralSecurityException, CliException {
    String password;
    if (options.passwordFile != null) {
      password = Files.readString(options.passwordFile, StandardCharsets.UTF_8).strip();
    } else if (System.getenv("FEDGATE_PASSWORD") != null) {
      password = System.getenv("FEDGATE_PASSWORD");
    } else {
      throw new CliException(
          FedgateCli.EXIT_INVALID, "--url needs --password-file FILE or $FEDGATE_PASSWORD");
    }
    TrustManager[] trust = null;
    if (options.caCert != null) {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      Certificate[] certificates = certificates(Files.readString(options.caCert));
      for (int i = 0; i < certificates.length; i++) {
        anchors.setCertificateEntry("ca" + i, certificates[i]);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(anchors);
      trust = factory.getTrustManagers();
    }
    String basic =
        Base64.getEncoder()
            .encodeToString((options.user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new AdminClient(client(trust), URI.create(options.url), "Basic " + basic);
  }

  private static Certificate[] certificates(String pem) throws GeneralSecurityException {
    return CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
        .toArray(new Certificate[0]);
  }

  private static HttpClient client(TrustManager[] trust) throws GeneralSecurityException {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust, null);
    return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
  }

  Response get(String path) throws CliException {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  Response post(String path) throws CliException {
    return send(
        HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  Response put(String path, Object body) throws CliException {
    return send(json(path).PUT(HttpRequest.BodyPublishers.ofString(encode(body))));
  }

  Response post(String path, Object body) throws CliException {
    return send(json(path).POST(HttpRequest.BodyPublishers.ofString(encode(body))));
  }

  Response delete(String path) throws CliException {
    return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
  }

  /**
   * POSTs the bytes of a file (the caller has checked its size against the node's limit). Header
   * values are never logged. No {@code Expect: 100-continue}: the JDK 17 client waits forever when
   * a node refuses before reading the body.
   */
  Response upload(String path, byte[] body, Map<String, String> headers) throws CliException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return send(request);
  }

  private HttpRequest.Builder json(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json");
  }

  private static String encode(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a request body", e);
    }
  }

  private Response send(HttpRequest.Builder request) throws CliException {
    try {
      HttpResponse<String> response =
          http.send(
              request
                  .header("Authorization", authorization)
                  .header("Accept", "application/json")
                  .timeout(Duration.ofSeconds(120))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body;
      try {
        body = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
      } catch (IOException e) {
        body = JSON.getNodeFactory().objectNode().put("error", response.body());
      }
      if (response.statusCode() == 401) {
        throw new CliException(FedgateCli.EXIT_UNAVAILABLE, "the node refused the credentials");
      }
      return new Response(response.statusCode(), body);
    } catch (ConnectException e) {
      throw new CliException(
          FedgateCli.EXIT_UNAVAILABLE, "cannot connect to " + base + " (is the node running?)");
    } catch (IOException e) {
      throw new CliException(FedgateCli.EXIT_UNAVAILABLE, "request to " + base + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(FedgateCli.EXIT_UNAVAILABLE, "interrupted");
    }
  }
}
