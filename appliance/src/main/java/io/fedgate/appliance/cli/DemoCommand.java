package io.fedgate.appliance.cli;

import io.fedgate.appliance.demo.Demo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fedgate demo}: two XMPP-federated appliances in this process on loopback, users on each,
 * an exchange of presence and messages printed step by step; then the admin sites stay up until
 * Ctrl-C (or the command ends at once with {@code --exit}).
 */
@Command(
    name = "demo",
    description = {
      "Start two appliances on loopback (a.demo.test and b.demo.test), federate them over XMPP,",
      "create a user on each and exchange presence and messages across the federation link;",
      "then keep the admin sites up until Ctrl-C. Exit code 1 when a step failed."
    },
    mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "fedgate-demo",
      description = "demo data (wiped at each demo; default: ${DEFAULT-VALUE})")
  Path dir;

  @Option(names = "--exit", description = "stop the appliances once the exchange is done")
  boolean exit;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Demo demo = new Demo(dir.toAbsolutePath(), out);
    boolean ok;
    try {
      ok = demo.run();
    } catch (Exception e) {
      demo.close();
      spec.commandLine().getErr().println("fedgate demo: " + e.getMessage());
      return 1;
    }
    if (exit) {
      demo.close();
      return ok ? 0 : 1;
    }
    out.println("  press Ctrl-C to stop the demo.");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  demo.close();
                  stopped.countDown();
                },
                "demo-shutdown"));
    stopped.await();
    return ok ? 0 : 1;
  }
}
