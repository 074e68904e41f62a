package io.fedgate.appliance.cli;

import io.fedgate.appliance.boot.BootConfig;
import io.fedgate.appliance.boot.BootConfigLoader;
import io.fedgate.appliance.node.DataDirectory;
import io.fedgate.appliance.node.DataDirectoryInUseException;
import io.fedgate.appliance.node.Node;
import io.fedgate.core.config.ConfigProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fedgate run}: validates the boot file (writing nothing when it is invalid), locks the data
 * directory, starts the node and runs until SIGTERM/SIGINT, then shuts down gracefully.
 */
@Command(name = "run", description = "Run a fedgate node in the foreground.")
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Option(names = "--config", paramLabel = "FILE", description = "boot file (.properties or .xml)")
  Path config;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "data directory (overrides data.dir)")
  Path dataDir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    BootConfigLoader.Result loaded =
        new BootConfigLoader().load(Optional.ofNullable(config), Optional.ofNullable(dataDir));
    if (loaded.config().isEmpty()) {
      err.printf("fedgate: the boot configuration has %d problem(s):%n", loaded.problems().size());
      for (ConfigProblem problem : loaded.problems()) {
        err.println("  - " + problem);
      }
      err.println("nothing was started or written.");
      return FedgateCli.EXIT_INVALID;
    }
    BootConfig boot = loaded.config().get();
    Node node;
    try {
      DataDirectory directory = DataDirectory.lock(boot.dataDir());
      Path logFile = LogFiles.attach(directory.logs(), boot.logLevel());
      log.info("starting fedgate with {}; log file {}", boot, logFile);
      node = Node.start(boot, directory, Clock.systemUTC(), spec.commandLine().getOut());
    } catch (DataDirectoryInUseException e) {
      err.println("fedgate: " + e.getMessage());
      return FedgateCli.EXIT_UNAVAILABLE;
    } catch (IOException | RuntimeException e) {
      log.error("fedgate could not start", e);
      err.println("fedgate: could not start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("shutdown requested; stopping services");
                  node.close();
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
    return 0;
  }
}
