package io.fedgate.appliance.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real peers started by interop tests on their own loopback addresses (shared/reference/peers.md):
 * dnsmasq answering for the {@code .test} domains and never forwarding, and Prosody with its own
 * config, data and log under the test's folder. Each is a child process stopped by {@link #close}.
 */
final class LoopbackPeers implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();

  /** A free TCP port on the address (bound, then released for the peer). */
  static int freePort(String address) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
      return socket.getLocalPort();
    }
  }

  /**
   * dnsmasq on address:port with the given {@code srv-host=}/{@code address=} lines, authoritative
   * for {@code .test} (NXDOMAIN for every other name there), no upstream.
   */
  void dnsmasq(Path dir, String address, int port, List<String> records) throws Exception {
    Files.createDirectories(dir);
    List<String> conf = new ArrayList<>();
    conf.add("port=" + port);
    conf.add("listen-address=" + address);
    conf.add("bind-interfaces");
    conf.add("no-resolv");
    conf.add("no-hosts");
    conf.add("local=/test/");
    conf.addAll(records);
    Path file = Files.write(dir.resolve("dnsmasq.conf"), conf, StandardCharsets.UTF_8);
    start(
        dir,
        "dnsmasq",
        List.of(
            "dnsmasq",
            "--keep-in-foreground",
            "--conf-file=" + file,
            "--pid-file=" + dir.resolve("dnsmasq.pid"),
            "--log-facility=" + dir.resolve("dnsmasq.log")));
    awaitUdpAnswer(dir.resolve("dnsmasq.log"));
  }

  /** Prosody in the foreground with the given config; waits for its C2S and S2S listeners. */
  Process prosody(Path dir, String config, InetSocketAddress... listeners) throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(dir.resolve("certs"));
    Path file = Files.writeString(dir.resolve("prosody.cfg.lua"), config);
    Process process = start(dir, "prosody", List.of("prosody", "--config", file.toString(), "-F"));
    for (InetSocketAddress listener : listeners) {
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> process.isAlive() && accepts(listener));
    }
    return process;
  }

  /** {@code prosodyctl register USER DOMAIN PASSWORD}. */
  static void register(Path dir, String user, String domain, String password) throws Exception {
    Process register =
        new ProcessBuilder(
                "prosodyctl",
                "--config",
                dir.resolve("prosody.cfg.lua").toString(),
                "register",
                user,
                domain,
                password)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prosodyctl.out").toFile())
            .start();
    if (!register.waitFor(30, TimeUnit.SECONDS) || register.exitValue() != 0) {
      throw new IllegalStateException(
          "prosodyctl register failed: " + Files.readString(dir.resolve("prosodyctl.out")));
    }
  }

  private Process start(Path dir, String name, List<String> command) throws IOException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".out").toFile())
            .start();
    processes.add(process);
    return process;
  }

  /** dnsmasq writes "started" to its log once it listens. */
  private static void awaitUdpAnswer(Path log) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> Files.exists(log) && Files.readString(log).contains("started"));
  }

  private static boolean accepts(InetSocketAddress address) {
    try (Socket socket = new Socket()) {
      socket.connect(address, 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
  }
}
