package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.TestFiles;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real SIP peers run by the SIP interop ITs (shared/reference/peers.md): SIPp (Debian's build has
 * no TLS, so its TLS legs go through stunnel), stunnel and Kamailio, each a child process with its
 * output in the test's folder, stopped by {@link #close}. A missing binary fails the test (CI
 * installs them with scripts/install-test-deps.sh); nothing is skipped.
 */
final class SipPeers implements AutoCloseable {
  private final Path dir;
  private final List<Process> processes = new ArrayList<>();

  SipPeers(Path dir) {
    this.dir = dir;
  }

  /** Fails unless every named program is on the PATH (or an absolute path that exists). */
  static void requireBinaries(String... names) {
    String[] path = System.getenv().getOrDefault("PATH", "").split(File.pathSeparator);
    List<String> extra = List.of("/usr/sbin", "/sbin");
    for (String name : names) {
      boolean found =
          java.util.stream.Stream.concat(Arrays.stream(path), extra.stream())
              .anyMatch(p -> Files.isExecutable(Path.of(p, name)));
      assertThat(found)
          .as("%s is not installed (scripts/install-test-deps.sh installs it)", name)
          .isTrue();
    }
  }

  Path dir() {
    return dir;
  }

  /** A leaf of the test PKI valid now (real peers check validity against the system clock). */
  static IssuedIdentity leaf(String name, String... dnsNames) {
    Instant now = Instant.now();
    return CertificateBuilder.leaf(name)
        .dns(dnsNames)
        .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)))
        .signedBy(TestCertificates.PKI.intermediate());
  }

  /** Writes {@code name.pem} (chain without the root) and {@code name.key}; returns the pem. */
  Path writeIdentity(String name, IssuedIdentity identity) throws IOException {
    Files.write(dir.resolve(name + ".key"), TestFiles.keyPem(identity.privateKey()));
    return Files.write(dir.resolve(name + ".pem"), TestFiles.pem(identity.chainWithoutRoot()));
  }

  /** Starts a process in the folder, its output in {@code log}. */
  Process start(String log, List<String> command) throws IOException {
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(log).toFile())
            .start();
    processes.add(process);
    return process;
  }

  /** stunnel in the foreground with these services (lines after the global options). */
  Process stunnel(String name, List<String> services) throws IOException {
    List<String> conf = new ArrayList<>();
    conf.add("foreground = yes");
    conf.add("pid =");
    conf.add("debug = warning");
    conf.addAll(services);
    conf.add("");
    Path file = Files.write(dir.resolve(name + ".conf"), conf, StandardCharsets.UTF_8);
    return start(name + ".log", List.of("stunnel", file.toString()));
  }

  /** Waits until something listens on address:port (ss, never a probing connection). */
  static void awaitListening(String address, int port) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> listening(address, port));
  }

  private static boolean listening(String address, int port) throws IOException {
    Process ss = new ProcessBuilder("ss", "-ltnH").redirectErrorStream(true).start();
    try (InputStream in = ss.getInputStream()) {
      String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return out.contains(" " + address + ":" + port + " ");
    }
  }

  /** One SIPp run: the process and where its message log goes. */
  record Sipp(Process process, Path messages, Path log) {
    /** Waits for SIPp to end; its exit code (0 = every call of the scenario succeeded). */
    int exitCode(Duration wait) throws InterruptedException {
      if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    }

    String messageLog() throws IOException {
      return Files.exists(messages) ? Files.readString(messages, StandardCharsets.ISO_8859_1) : "";
    }

    String output() throws IOException {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }

    String describe() throws IOException {
      return "SIPp output:\n" + output() + "\nmessages:\n" + messageLog();
    }
  }

  /**
   * SIPp over TCP ({@code -t t1}) with the scenario from the test resources ({@code sipp/NAME}),
   * bound to address:port, tracing its messages; {@code args} are the remaining options.
   */
  Sipp sipp(String run, String scenario, String address, int port, List<String> args)
      throws IOException {
    Path file = dir.resolve(scenario);
    if (!Files.exists(file)) {
      try (InputStream in = SipPeers.class.getResourceAsStream("/sipp/" + scenario)) {
        assertThat(in).as("scenario %s", scenario).isNotNull();
        Files.copy(in, file);
      }
    }
    Path messages = dir.resolve(run + "-messages.log");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "sipp",
            "-sf",
            file.toString(),
            "-t",
            "t1",
            "-i",
            address,
            "-p",
            String.valueOf(port),
            "-nostdin",
            "-trace_msg",
            "-message_file",
            messages.toString(),
            "-timeout",
            "20s",
            "-timeout_error"));
    command.addAll(args);
    return new Sipp(start(run + ".log", command), messages, dir.resolve(run + ".log"));
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
