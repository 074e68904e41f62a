package io.fedgate.tlsproxy.runner;

import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.core.config.ConfigProblem;
import io.fedgate.tlsproxy.netty.TlsProxyServer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * {@code fedgate tls-proxy --config FILE}: the proxy alone on an edge host, from its config file.
 */
public final class StandaloneProxy {
  private StandaloneProxy() {}

  /** The problems of the file, or the started proxy. */
  public sealed interface Outcome permits Invalid, Started {}

  public record Invalid(List<ConfigProblem> problems) implements Outcome {}

  public record Started(TlsProxyServer server) implements Outcome {}

  public static Outcome start(Path file, Clock clock) throws IOException, InterruptedException {
    ProxyConfigFile.Loaded loaded = ProxyConfigFile.read(file);
    if (!loaded.problems().isEmpty()) {
      return new Invalid(loaded.problems());
    }
    TlsProxyServer server =
        new TlsProxyServer(
            loaded.config(),
            loaded.trustPoints(),
            new PeerTrust(clock),
            clock,
            new SecureRandom(),
            loaded.threads(),
            loaded.tlsProvider());
    server.start();
    return new Started(server);
  }
}
