package io.fedgate.appliance.cli;

import io.fedgate.appliance.node.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fedgate}: runs a node, or talks to a running one over its admin endpoint. */
@Command(
    name = "fedgate",
    mixinStandardHelpOptions = true,
    versionProvider = FedgateCli.VersionProvider.class,
    description = "Interdomain federation appliance: XMPP presence/IM federated over SIP and XMPP.",
    subcommands = {
      RunCommand.class,
      StatusCommand.class,
      VersionCommand.class,
      UtilsCommand.class,
      RoutesCommand.class,
      AclCommand.class,
      PolicyCommand.class,
      GuardCommand.class,
      SipDomainsCommand.class,
      CertsCommand.class,
      TlsCommand.class,
      UsersCommand.class,
      TlsProxyCommand.class,
      DoctorCommand.class,
      DemoCommand.class,
      InteropCommand.class,
      XmppCommand.class,
      CommandLine.HelpCommand.class
    })
public final class FedgateCli {
  /** Exit code when the command line or the boot configuration is invalid. */
  public static final int EXIT_INVALID = 2;

  /** Exit code when no node could be reached or the data directory is in use. */
  public static final int EXIT_UNAVAILABLE = 3;

  public static void main(String[] args) {
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line; used by {@link #main} and by tests. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new FedgateCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine.execute(args);
  }

  /** {@code fedgate --version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"fedgate " + Version.current()};
    }
  }
}
