package io.fedgate.appliance.store;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server from Debian's {@code postgresql} package, on 127.0.0.1 and a free
 * port, in a temp folder (initdb + postgres, no systemd). As root it runs as user {@code postgres}.
 */
final class PostgresServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private PostgresServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static PostgresServer start(Path folder) throws IOException, InterruptedException {
    Path bin = binaries();
    Path data = folder.resolve("pgdata");
    boolean root = "root".equals(System.getProperty("user.name"));
    Files.createDirectories(folder);
    if (root) {
      // postgres refuses to run as root: hand it the folder and let it traverse the temp dirs
      Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
      for (Path p = folder.toRealPath(); p.startsWith(tmp) && !p.equals(tmp); p = p.getParent()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      UserPrincipalLookupService users = folder.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(folder, users.lookupPrincipalByName("postgres"));
    }
    exec(
        root,
        bin.resolve("initdb").toString(),
        "-D",
        data.toString(),
        "-U",
        "fedgate",
        "--auth=trust",
        "-E",
        "UTF8",
        "--locale=C");
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    List<String> command = new ArrayList<>(asUser(root));
    command.addAll(
        List.of(
            bin.resolve("postgres").toString(),
            "-D",
            data.toString(),
            "-k",
            folder.toString(),
            "-h",
            "127.0.0.1",
            "-p",
            Integer.toString(port),
            "-c",
            "fsync=off"));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(folder.resolveSibling("postgres.log").toFile())
            .start();
    PostgresServer server = new PostgresServer(process, port);
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "postgres exited: " + Files.readString(folder.resolveSibling("postgres.log")));
              }
              try (var c = DriverManager.getConnection(server.jdbcUrl(), "fedgate", "")) {
                return c.isValid(5);
              }
            });
    return server;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  private static Path binaries() throws IOException {
    Path base = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(base)) {
      throw new IllegalStateException(
          "PostgreSQL server binaries not found under /usr/lib/postgresql:"
              + " run scripts/install-test-deps.sh (Debian package postgresql)");
    }
    try (Stream<Path> versions = Files.list(base)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("postgres")))
          .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
          .orElseThrow(() -> new IllegalStateException("no postgres binary under " + base));
    }
  }

  private static List<String> asUser(boolean root) {
    return root
        ? List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--")
        : List.of();
  }

  private static void exec(boolean root, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(asUser(root));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM: smart shutdown
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
