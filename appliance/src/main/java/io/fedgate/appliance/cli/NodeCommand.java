package io.fedgate.appliance.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command run against a node's admin endpoint. */
abstract class NodeCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    try {
      return run(AdminClient.connect(node), spec.commandLine().getOut());
    } catch (CliException e) {
      spec.commandLine().getErr().println("fedgate: " + e.getMessage());
      return e.exitCode();
    } catch (FailedResponse e) {
      return failed(e.response());
    }
  }

  abstract int run(AdminClient client, PrintWriter out) throws CliException;

  /** Prints the node's error and returns the exit code 1, or returns 0 for a success. */
  int failed(AdminClient.Response response) {
    spec.commandLine().getErr().println("fedgate: " + response.error());
    return 1;
  }
}
