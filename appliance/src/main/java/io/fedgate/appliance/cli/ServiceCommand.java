package io.fedgate.appliance.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fedgate utils service list|start|stop|restart "NAME"}. */
@Command(
    name = "service",
    description = "List, start, stop or restart the node's services.",
    mixinStandardHelpOptions = true,
    subcommands = {
      ServiceCommand.ListServices.class,
      ServiceCommand.Start.class,
      ServiceCommand.Stop.class,
      ServiceCommand.Restart.class
    })
final class ServiceCommand {

  @Command(name = "list", description = "List the services with their states.")
  static final class ListServices extends NodeCommand {
    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      AdminClient.Response response = client.get("/api/v1/services");
      if (!response.ok()) {
        return failed(response);
      }
      ServiceTable.print(response.body(), out);
      return 0;
    }
  }

  /** start/stop/restart of one named service. */
  abstract static class Action extends NodeCommand {
    @Parameters(
        index = "0",
        paramLabel = "NAME",
        description = "service name, case-insensitive, e.g. \"XCP Router\"")
    String name;

    private final String action;
    private final String expectedState;

    Action(String action, String expectedState) {
      this.action = action;
      this.expectedState = expectedState;
    }

    String action() {
      return action;
    }

    String expectedState() {
      return expectedState;
    }

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      String path =
          "/api/v1/services/"
              + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
              + "/"
              + action();
      AdminClient.Response response = client.post(path);
      if (!response.ok()) {
        return failed(response);
      }
      ServiceTable.print(response.body().path("affected"), out);
      String state = response.body().path("state").asText();
      boolean done = state.equals(expectedState());
      out.printf(
          "%s: %s %s%n",
          response.body().path("service").asText(),
          action(),
          done ? "done (" + state + ")" : "FAILED (" + state + ")");
      return done ? 0 : 1;
    }
  }

  @Command(name = "start", description = "Start a service (and what it depends on).")
  static final class Start extends Action {
    Start() {
      super("start", "RUNNING");
    }
  }

  @Command(name = "stop", description = "Stop a service (and what depends on it).")
  static final class Stop extends Action {
    Stop() {
      super("stop", "STOPPED");
    }
  }

  @Command(name = "restart", description = "Restart a service (and what depends on it).")
  static final class Restart extends Action {
    Restart() {
      super("restart", "RUNNING");
    }
  }
}
