package io.fedgate.appliance.cli;

import io.fedgate.appliance.node.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fedgate version}: the version of this fedgate installation and its Java runtime. */
@Command(name = "version", description = "Print the fedgate version.")
final class VersionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine()
        .getOut()
        .printf(
            "fedgate %s (Java %s, %s)%n",
            Version.current(), Runtime.version(), System.getProperty("java.vm.name"));
    return 0;
  }
}
