package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar ({@code target/fedgate.jar}) run as a real process, as an operator runs it. */
class NodeProcessIT {
  private static final Path JAR = Path.of("target", "fedgate.jar").toAbsolutePath();
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  @TempDir Path temp;
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void anInvalidBootFileStopsStartUpWithEveryProblemAndWritesNothing() throws Exception {
    Path boot =
        Files.writeString(
            temp.resolve("boot.properties"),
            "listener.admin.port = 99999\nnode.fqdn = -bad-\nlistener.sip.port = 5061\n");
    Path data = temp.resolve("data");

    Result result = run(List.of("run", "--config", boot.toString(), "--data-dir", data.toString()));

    assertThat(result.exitCode()).isEqualTo(FedgateCli.EXIT_INVALID);
    assertThat(result.stderr())
        .contains("3 problem(s)")
        .contains("listener.admin.port: '99999' is not a port")
        .contains("node.fqdn: '-bad-' is not a DNS name")
        .contains("listener.sip.port: unknown key")
        .contains("nothing was started or written");
    assertThat(data).doesNotExist();
  }

  @Test
  void aNodeRunsRefusesASecondInstanceAndShutsDownGracefullyOnSigterm() throws Exception {
    Path data = temp.resolve("data");
    Path boot = Files.writeString(temp.resolve("boot.properties"), TestNode.BOOT);
    Process node =
        start(List.of("run", "--config", boot.toString(), "--data-dir", data.toString()), "node");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Files.exists(data.resolve("run/node.properties")) || !node.isAlive());
    assertThat(node.isAlive())
        .as("node is up: " + Files.readString(temp.resolve("node.err")))
        .isTrue();
    assertThat(Files.readString(temp.resolve("node.out"))).contains("password:");

    Result second = run(List.of("run", "--data-dir", data.toString()));
    Result status = run(List.of("status", "--data-dir", data.toString()));

    assertThat(second.exitCode()).isEqualTo(FedgateCli.EXIT_UNAVAILABLE);
    assertThat(second.stderr())
        .contains("is in use by another fedgate node (pid " + node.pid() + ")");
    assertThat(status.exitCode()).isZero();
    assertThat(status.stdout()).contains("pid " + node.pid());

    node.destroy(); // SIGTERM
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(node.exitValue()).isEqualTo(143);
    assertThat(data.resolve("run/node.properties")).doesNotExist();
    String log = Files.readString(data.resolve("logs/fedgate.log"));
    assertThat(log)
        .contains(
            "shutdown requested",
            "Admin Web stopped",
            "XCP Router stopped",
            "fedgate localhost stopped");
    assertThat(log)
        .doesNotContain(
            Files.readString(temp.resolve("node.out"))
                .lines()
                .filter(l -> l.contains("password:"))
                .findFirst()
                .orElseThrow()
                .trim());
  }

  @Test
  void versionPrintsTheBuiltVersion() throws Exception {
    Result version = run(List.of("version"));

    assertThat(version.exitCode()).isZero();
    assertThat(version.stdout()).startsWith("fedgate ").doesNotContain("fedgate dev");
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private Result run(List<String> args) throws IOException, InterruptedException {
    String name = "cmd" + processes.size();
    Process process = start(args, name);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(temp.resolve(name + ".out")),
        Files.readString(temp.resolve(name + ".err")));
  }

  private Process start(List<String> args, String name) throws IOException {
    List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString()));
    command.addAll(args);
    Process process =
        new ProcessBuilder(command)
            .directory(temp.toFile())
            .redirectOutput(temp.resolve(name + ".out").toFile())
            .redirectError(temp.resolve(name + ".err").toFile())
            .start();
    processes.add(process);
    return process;
  }
}
