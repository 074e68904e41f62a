package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedgate.core.config.ConfigProblem;
import io.fedgate.tlsproxy.asa.AsaExporter;
import io.fedgate.tlsproxy.asa.AsaImportResult;
import io.fedgate.tlsproxy.asa.AsaImporter;
import io.fedgate.tlsproxy.config.ProxyConfigValidator;
import io.fedgate.tlsproxy.netty.TlsProxyServer;
import io.fedgate.tlsproxy.runner.ProxyConfigFile;
import io.fedgate.tlsproxy.runner.StandaloneProxy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fedgate tls-proxy --config FILE} runs the TLS proxy alone (an edge host); {@code sessions}
 * and {@code acl} show a running node's proxy; {@code asa-export} and {@code asa-import} translate
 * between the config file and ASA configuration.
 */
@Command(
    name = "tls-proxy",
    description = "The ASA-style TLS proxy: run it alone, or show a node's sessions and ACLs.",
    mixinStandardHelpOptions = true,
    subcommands = {
      TlsProxyCommand.Sessions.class,
      TlsProxyCommand.Acl.class,
      TlsProxyCommand.AsaExport.class,
      TlsProxyCommand.AsaImport.class
    })
final class TlsProxyCommand implements Callable<Integer> {
  static final String API = "/api/v1/tls-proxy/";

  @Option(names = "--config", paramLabel = "FILE", description = "proxy config file; runs it")
  Path config;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    if (config == null) {
      err.println("fedgate: tls-proxy needs --config FILE or a subcommand (see --help)");
      return FedgateCli.EXIT_INVALID;
    }
    StandaloneProxy.Outcome outcome = StandaloneProxy.start(config, Clock.systemUTC());
    if (outcome instanceof StandaloneProxy.Invalid invalid) {
      printProblems(invalid.problems(), err);
      return FedgateCli.EXIT_INVALID;
    }
    TlsProxyServer server = ((StandaloneProxy.Started) outcome).server();
    PrintWriter out = spec.commandLine().getOut();
    server
        .boundListeners()
        .forEach((name, address) -> out.println("listening " + name + " on " + address));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  static void printProblems(List<ConfigProblem> problems, PrintWriter err) {
    err.println("fedgate: the tls-proxy config has " + problems.size() + " problem(s):");
    problems.forEach(p -> err.println("  " + p));
  }

  @Command(name = "sessions", description = "show tls-proxy sessions (open and recently closed)")
  static final class Sessions extends NodeCommand {
    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode body = FailedResponse.ok(client.get(API + "sessions")).body();
      if (!body.path("running").asBoolean()) {
        out.println("the TLS proxy is not running (listener.tls-proxy-outside.enabled is off?)");
      }
      out.println("open sessions: " + body.path("sessions").size());
      for (JsonNode s : body.path("sessions")) {
        out.printf(
            "  %d %s outside %s -> inside %s since %s%n    client %s [%s]%n    target %s%n"
                + "    bytes from client %d, from target %d%n",
            s.path("id").asLong(),
            s.path("instance").asText(),
            s.path("client").asText(),
            s.path("target").asText(),
            s.path("since").asText(),
            s.path("clientTls").asText(),
            s.path("clientSubject").asText(),
            s.path("targetTls").asText(),
            s.path("bytesFromClient").asLong(),
            s.path("bytesFromTarget").asLong());
      }
      out.println("recently closed:");
      for (JsonNode c : body.path("recentlyClosed")) {
        JsonNode s = c.path("session");
        out.printf(
            "  %d %s %s -> %s at %s: %s%n",
            s.path("id").asLong(),
            s.path("instance").asText(),
            s.path("client").asText(),
            s.path("target").asText(),
            c.path("at").asText(),
            c.path("reason").asText());
      }
      return 0;
    }
  }

  @Command(name = "acl", description = "show the access lists of the TLS proxy with hit counts")
  static final class Acl extends NodeCommand {
    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode body = FailedResponse.ok(client.get(API + "acl")).body();
      for (JsonNode c : body.path("counters")) {
        out.printf(
            "  access-list %s line %d %s (hitcnt=%d)%n",
            c.path("accessList").asText(),
            c.path("line").asInt(),
            c.path("entry").asText(),
            c.path("hits").asLong());
      }
      return 0;
    }
  }

  @Command(name = "asa-export", description = "print the ASA configuration of a proxy config file")
  static final class AsaExport implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", required = true)
    Path config;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      ProxyConfigFile.Loaded loaded = ProxyConfigFile.read(config);
      if (!loaded.problems().isEmpty()) {
        printProblems(loaded.problems(), spec.commandLine().getErr());
        return FedgateCli.EXIT_INVALID;
      }
      spec.commandLine().getOut().print(AsaExporter.export(loaded.config()));
      return 0;
    }
  }

  @Command(
      name = "asa-import",
      description = "check an ASA configuration snippet: refused lines, then what is missing")
  static final class AsaImport implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      AsaImportResult result = AsaImporter.read(Files.readString(file, StandardCharsets.UTF_8));
      if (!result.errors().isEmpty()) {
        err.println("fedgate: " + result.errors().size() + " line(s) not understood:");
        result.errors().forEach(e -> err.println("  " + e));
        return FedgateCli.EXIT_INVALID;
      }
      var config = result.config().orElseThrow();
      out.printf(
          "read %d trust point(s), %d tls-proxy instance(s), %d access list(s), %d PAT mapping(s)%n",
          config.trustPoints().size(),
          config.instances().size(),
          config.accessLists().size(),
          config.patMappings().size());
      List<ConfigProblem> problems = ProxyConfigValidator.validate(config);
      if (!problems.isEmpty()) {
        printProblems(problems, err);
        return 1;
      }
      return 0;
    }
  }
}
