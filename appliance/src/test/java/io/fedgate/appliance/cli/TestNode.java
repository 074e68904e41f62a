package io.fedgate.appliance.cli;

import io.fedgate.appliance.boot.BootConfig;
import io.fedgate.appliance.boot.BootConfigLoader;
import io.fedgate.appliance.node.Node;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** An in-process node on loopback (admin port 0) in a temp data directory, plus CLI helpers. */
final class TestNode implements AutoCloseable {
  /** What one CLI invocation printed and returned. */
  record CliRun(int exitCode, String out, String err) {}

  /**
   * Every listener the node opens binds a free loopback port, so nodes of parallel tests never
   * clash (the defaults are 8443, 5222, 5223, 5061 and 5062).
   */
  static final String BOOT =
      """
      listener.admin.port = 0
      listener.xmpp-c2s.address = 127.0.0.1
      listener.xmpp-c2s.port = 0
      listener.xmpp-c2s-direct-tls.address = 127.0.0.1
      listener.xmpp-c2s-direct-tls.port = 0
      listener.sip-peer-auth.address = 127.0.0.1
      listener.sip-peer-auth.port = 0
      listener.sip-server-auth.address = 127.0.0.1
      listener.sip-server-auth.port = 0
      """;

  final Path dataDir;
  final Node node;
  final String console;

  private TestNode(Path dataDir, Node node, String console) {
    this.dataDir = dataDir;
    this.node = node;
    this.console = console;
  }

  static TestNode start(Path dataDir) throws IOException {
    return start(dataDir, "");
  }

  /**
   * A node whose boot file has these lines after {@link #BOOT}; a key given here replaces the
   * {@link #BOOT} line of the same key (the loader keeps the first value of a repeated key).
   */
  static TestNode start(Path dataDir, String extraBoot) throws IOException {
    Files.createDirectories(dataDir.getParent());
    Path boot = dataDir.resolveSibling(dataDir.getFileName() + ".properties");
    java.util.Set<String> overridden =
        extraBoot
            .lines()
            .map(line -> line.split("=", 2)[0].trim())
            .filter(key -> !key.isEmpty())
            .collect(java.util.stream.Collectors.toSet());
    String base =
        BOOT.lines()
            .filter(line -> !overridden.contains(line.split("=", 2)[0].trim()))
            .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    Files.writeString(boot, base + extraBoot);
    BootConfig config =
        new BootConfigLoader().load(Optional.of(boot), Optional.of(dataDir)).orElseThrow();
    StringWriter console = new StringWriter();
    Node node = Node.start(config, Clock.systemUTC(), new PrintWriter(console, true));
    return new TestNode(dataDir, node, console.toString());
  }

  /** The admin password printed on first start, if this start printed one. */
  Optional<String> printedPassword() {
    return console
        .lines()
        .map(String::trim)
        .filter(l -> l.startsWith("password:"))
        .map(l -> l.substring("password:".length()).trim())
        .findFirst();
  }

  CliRun cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = FedgateCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The same command with {@code --data-dir} of this node appended. */
  CliRun local(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--data-dir";
    all[args.length + 1] = dataDir.toString();
    return cli(all);
  }

  URI adminUrl() {
    return node.adminUrl();
  }

  Path adminCertificate() {
    return dataDir.resolve("run").resolve("admin.pem");
  }

  /** An HTTPS client that trusts exactly this node's admin certificate. */
  HttpClient https() throws IOException, GeneralSecurityException {
    X509Certificate pinned;
    try (var in = Files.newInputStream(adminCertificate())) {
      pinned = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new PinnedTrust(pinned)}, null);
    return HttpClient.newBuilder().sslContext(tls).build();
  }

  /**
   * Sends raw bytes over a TLS connection to the admin endpoint (pinned like the CLI) and returns
   * one response. Fails after 10 s without an answer, well before Jetty's 30 s idle timeout, so a
   * node that waits for bytes that never come fails the test.
   */
  String rawHttps(String request) throws IOException, GeneralSecurityException {
    X509Certificate pinned;
    try (var in = Files.newInputStream(adminCertificate())) {
      pinned = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new PinnedTrust(pinned)}, null);
    try (Socket socket =
        tls.getSocketFactory().createSocket(adminUrl().getHost(), adminUrl().getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return RawResponse.read(socket.getInputStream());
    }
  }

  HttpResponse<String> get(String path, String authorization)
      throws IOException, GeneralSecurityException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(adminUrl().resolve(path)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return https().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    node.close();
  }
}
