package io.fedgate.appliance.admin;

import java.time.Instant;
import java.util.List;

/**
 * What {@code fedgate status} shows: identity of the node, where it keeps things, listeners,
 * services and the certificates that expire soon.
 */
public record NodeStatus(
    String version,
    String nodeFqdn,
    List<String> localDomains,
    long pid,
    Instant startedAt,
    long uptimeSeconds,
    String dataDir,
    String database,
    List<ListenerView> listeners,
    List<ServiceView> services,
    List<ExpiringCertificateView> expiringCertificates) {

  /** One configured listener: where it should bind and where it did (0 when not open). */
  public record ListenerView(
      String id,
      String service,
      boolean enabled,
      String address,
      int configuredPort,
      int boundPort,
      String note) {}

  /** A stored certificate that expires within 30 days (or has expired). */
  public record ExpiringCertificateView(
      String store, String alias, String subject, Instant notAfter, long daysLeft) {}

  /** One service as shown to an operator. */
  public record ServiceView(
      String name,
      String state,
      Instant since,
      boolean restartRequired,
      List<String> restartReasons,
      String lastError) {}
}
