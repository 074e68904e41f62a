package io.fedgate.tlsproxy.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One ASA {@code tls-proxy} instance: the leg that accepts (presenting the {@code server
 * trust-point}) and the leg it re-originates (presenting the {@code client trust-point}).
 *
 * <p>An {@link Direction#INBOUND} instance listens on the public endpoint of every {@link
 * PatMapping} bound to it and connects to that mapping's inside endpoint; an {@link
 * Direction#OUTBOUND} instance listens on {@code listen} (where the appliance sends its federation
 * traffic) and connects to {@code target} (the partner's edge).
 *
 * @param serverTrust trust points whose certificates verify the connecting client's certificate
 * @param peerSubjects names the connecting client's certificate must carry (IM&P's TLS peer
 *     subjects); empty = any certificate that chains to {@code serverTrust}
 * @param clientTrust trust points whose certificates verify the re-originated leg's server
 * @param upstreamName the name the server of the re-originated leg must present (RFC 6125 DNS-ID,
 *     also sent as SNI)
 * @param cipherSuites JDK suite names in preference order, for both legs
 * @param protocols TLSv1.2 and/or TLSv1.3
 * @param accessList the access list bound to the instance (class-map {@code match access-list})
 */
public record ProxyInstance(
    String name,
    Direction direction,
    String serverTrustPoint,
    List<String> serverTrust,
    List<String> peerSubjects,
    String clientTrustPoint,
    List<String> clientTrust,
    String upstreamName,
    List<String> cipherSuites,
    List<String> protocols,
    String accessList,
    Optional<Endpoint> listen,
    Optional<Endpoint> target,
    boolean sipInspection,
    Limits limits) {

  /** Defaults: JDK TLS 1.2 + 1.3 suites that Lync and modern peers accept. */
  public static final List<String> DEFAULT_SUITES =
      List.of(
          "TLS_AES_256_GCM_SHA384",
          "TLS_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_RSA_WITH_AES_256_CBC_SHA",
          "TLS_RSA_WITH_AES_128_CBC_SHA");

  public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.2", "TLSv1.3");

  /**
   * Per-session limits.
   *
   * @param handshakeTimeout a client that has not finished its handshake by then is closed
   * @param idleTimeout a session with no bytes either way for this long is closed
   * @param maxSipMessageBytes the largest SIP message (headers and body) inspection accepts
   */
  public record Limits(Duration handshakeTimeout, Duration idleTimeout, int maxSipMessageBytes) {
    public static final Limits DEFAULTS =
        new Limits(Duration.ofSeconds(10), Duration.ofMinutes(30), 65_536);

    public Limits {
      Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
      Objects.requireNonNull(idleTimeout, "idleTimeout");
    }
  }

  public ProxyInstance {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(direction, "direction");
    serverTrustPoint = serverTrustPoint == null ? "" : serverTrustPoint;
    clientTrustPoint = clientTrustPoint == null ? "" : clientTrustPoint;
    upstreamName = upstreamName == null ? "" : upstreamName;
    accessList = accessList == null ? "" : accessList;
    serverTrust = List.copyOf(serverTrust);
    peerSubjects = List.copyOf(peerSubjects);
    clientTrust = List.copyOf(clientTrust);
    cipherSuites = List.copyOf(cipherSuites);
    protocols = List.copyOf(protocols);
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(limits, "limits");
  }

  /** A builder-style start with the defaults; used by the config readers and tests. */
  public static Builder builder(String name, Direction direction) {
    return new Builder(name, direction);
  }

  /** Mutable helper for the readers; the record stays immutable. */
  public static final class Builder {
    private final String name;
    private Direction direction;
    private String serverTrustPoint = "";
    private List<String> serverTrust = List.of();
    private List<String> peerSubjects = List.of();
    private String clientTrustPoint = "";
    private List<String> clientTrust = List.of();
    private String upstreamName = "";
    private List<String> cipherSuites = DEFAULT_SUITES;
    private List<String> protocols = DEFAULT_PROTOCOLS;
    private String accessList = "";
    private Optional<Endpoint> listen = Optional.empty();
    private Optional<Endpoint> target = Optional.empty();
    private boolean sipInspection = true;
    private Limits limits = Limits.DEFAULTS;

    private Builder(String name, Direction direction) {
      this.name = name;
      this.direction = direction;
    }

    public Builder direction(Direction value) {
      direction = value;
      return this;
    }

    public Builder server(String trustPoint, List<String> trust, List<String> subjects) {
      serverTrustPoint = trustPoint;
      serverTrust = trust;
      peerSubjects = subjects;
      return this;
    }

    public Builder serverTrustPoint(String value) {
      serverTrustPoint = value;
      return this;
    }

    public Builder serverTrust(List<String> value) {
      serverTrust = value;
      return this;
    }

    public Builder peerSubjects(List<String> value) {
      peerSubjects = value;
      return this;
    }

    public Builder client(String trustPoint, List<String> trust, String expectedName) {
      clientTrustPoint = trustPoint;
      clientTrust = trust;
      upstreamName = expectedName;
      return this;
    }

    public Builder clientTrustPoint(String value) {
      clientTrustPoint = value;
      return this;
    }

    public Builder clientTrust(List<String> value) {
      clientTrust = value;
      return this;
    }

    public Builder upstreamName(String value) {
      upstreamName = value;
      return this;
    }

    public Builder cipherSuites(List<String> value) {
      cipherSuites = value;
      return this;
    }

    public Builder protocols(List<String> value) {
      protocols = value;
      return this;
    }

    public Builder accessList(String value) {
      accessList = value;
      return this;
    }

    public Builder listen(Endpoint value) {
      listen = Optional.ofNullable(value);
      return this;
    }

    public Builder target(Endpoint value) {
      target = Optional.ofNullable(value);
      return this;
    }

    public Builder sipInspection(boolean value) {
      sipInspection = value;
      return this;
    }

    public Builder limits(Limits value) {
      limits = value;
      return this;
    }

    public ProxyInstance build() {
      return new ProxyInstance(
          name,
          direction,
          serverTrustPoint,
          serverTrust,
          peerSubjects,
          clientTrustPoint,
          clientTrust,
          upstreamName,
          cipherSuites,
          protocols,
          accessList,
          listen,
          target,
          sipInspection,
          limits);
    }
  }
}
