package io.fedgate.appliance.cli;

import io.fedgate.appliance.boot.BootConfigLoader;
import io.fedgate.appliance.boot.BootKeys;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How a CLI command finds its node: like {@code run} does (same {@code --data-dir}, or {@code
 * data.dir} from {@code --config}, default {@code ./fedgate-data}), reading the run files and the
 * owner-only local credential there; or {@code --url} with an administrator's credentials.
 */
final class NodeOptions {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "data directory of the local node (default: data.dir of --config, else ./fedgate-data)")
  Path dataDir;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "boot file of the local node (only data.dir is read)")
  Path config;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "admin endpoint of a remote node, e.g. https://imp1.example.com:8443")
  String url;

  @Option(names = "--user", paramLabel = "NAME", description = "administrator (with --url)")
  String user = "admin";

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "file holding the administrator password (with --url; else $FEDGATE_PASSWORD)")
  Path passwordFile;

  @Option(
      names = "--cacert",
      paramLabel = "FILE",
      description = "PEM certificate(s) to trust for --url (default: the JDK trust store)")
  Path caCert;

  /** The data directory a local command uses. */
  Path resolveDataDir() throws CliException {
    if (dataDir != null) {
      return dataDir;
    }
    if (config != null) {
      BootConfigLoader.Result result =
          new BootConfigLoader().load(Optional.of(config), Optional.empty());
      if (result.config().isEmpty()) {
        throw new CliException(
            FedgateCli.EXIT_INVALID, "cannot read " + config + ": " + result.problems());
      }
      return result.config().get().dataDir();
    }
    return Path.of(BootKeys.DEFAULT_DATA_DIR);
  }
}
