package io.fedgate.xmpp.s2s;

import io.fedgate.xmpp.stream.StreamLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * The IM&P "XMPP Federation" settings, read by {@code S2sService} for every new stream (a change
 * applies to the next connection; open streams keep what they negotiated).
 *
 * @param enabled XMPP federation on/off: when off, inbound streams end with {@code
 *     policy-violation} and outbound stanzas fail with {@code service-unavailable}
 * @param securityMode No TLS / TLS Optional / TLS Required; a partner's {@link
 *     PartnerSettings#tls()} replaces it for that partner
 * @param requireClientCertificate inbound peers must present a certificate that validates against
 *     {@code cup-xmpp-trust} for the domain they claim, whatever the authentication method (no
 *     dialback over an unauthenticated TLS channel)
 * @param saslExternalInbound offer SASL EXTERNAL (XEP-0178) to peers whose certificate validates
 * @param saslExternalOutbound use SASL EXTERNAL with the {@code cup-xmpp} identity when offered
 * @param dialbackEnabled Server Dialback (XEP-0220) as receiving, initiating and authoritative
 *     server; needs a {@code dialbackSecret}
 * @param dialbackSecret the XEP-0185 secret; never printed by {@link #toString()}
 * @param idleTimeout a stream with no traffic for this long is closed (it is reopened on demand)
 * @param connectTimeout DNS plus TCP connect, per outbound attempt
 * @param negotiationTimeout from TCP accept/connect until the stream is authenticated; a peer that
 *     never finishes the handshake is dropped after it
 * @param limits stanza size, attribute length and nesting limits of every S2S stream (its {@code
 *     idleTimeout} is not used here: {@code idleTimeout} above applies)
 */
public record S2sSettings(
    boolean enabled,
    SecurityMode securityMode,
    boolean requireClientCertificate,
    boolean saslExternalInbound,
    boolean saslExternalOutbound,
    boolean dialbackEnabled,
    String dialbackSecret,
    Duration idleTimeout,
    Duration connectTimeout,
    Duration negotiationTimeout,
    StreamLimits limits) {

  public S2sSettings {
    Objects.requireNonNull(securityMode, "securityMode");
    Objects.requireNonNull(dialbackSecret, "dialbackSecret");
    Objects.requireNonNull(limits, "limits");
    positive(idleTimeout, "idleTimeout");
    positive(connectTimeout, "connectTimeout");
    positive(negotiationTimeout, "negotiationTimeout");
    if (dialbackEnabled && dialbackSecret.isEmpty()) {
      throw new IllegalArgumentException("dialback needs a dialback secret");
    }
  }

  /**
   * IM&P's defaults with federation on: TLS Required, client certificates not required, SASL
   * EXTERNAL both ways, dialback on with the given secret, 10 minutes idle, 10 s connect, 30 s
   * negotiation.
   */
  public static S2sSettings defaults(String dialbackSecret) {
    return new S2sSettings(
        true,
        SecurityMode.TLS_REQUIRED,
        false,
        true,
        true,
        true,
        dialbackSecret,
        Duration.ofMinutes(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        StreamLimits.DEFAULTS);
  }

  public S2sSettings withSecurityMode(SecurityMode mode) {
    return new S2sSettings(
        enabled,
        mode,
        requireClientCertificate,
        saslExternalInbound,
        saslExternalOutbound,
        dialbackEnabled,
        dialbackSecret,
        idleTimeout,
        connectTimeout,
        negotiationTimeout,
        limits);
  }

  public S2sSettings withAuthentication(
      boolean requireClientCertificate,
      boolean saslExternalInbound,
      boolean saslExternalOutbound,
      boolean dialbackEnabled) {
    return new S2sSettings(
        enabled,
        securityMode,
        requireClientCertificate,
        saslExternalInbound,
        saslExternalOutbound,
        dialbackEnabled,
        dialbackSecret,
        idleTimeout,
        connectTimeout,
        negotiationTimeout,
        limits);
  }

  public S2sSettings withTimeouts(Duration idle, Duration connect, Duration negotiation) {
    return new S2sSettings(
        enabled,
        securityMode,
        requireClientCertificate,
        saslExternalInbound,
        saslExternalOutbound,
        dialbackEnabled,
        dialbackSecret,
        idle,
        connect,
        negotiation,
        limits);
  }

  public S2sSettings withEnabled(boolean on) {
    return new S2sSettings(
        on,
        securityMode,
        requireClientCertificate,
        saslExternalInbound,
        saslExternalOutbound,
        dialbackEnabled,
        dialbackSecret,
        idleTimeout,
        connectTimeout,
        negotiationTimeout,
        limits);
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  /** Never prints the dialback secret. */
  @Override
  public String toString() {
    return "S2sSettings[enabled="
        + enabled
        + ", securityMode="
        + securityMode
        + ", requireClientCertificate="
        + requireClientCertificate
        + ", saslExternalInbound="
        + saslExternalInbound
        + ", saslExternalOutbound="
        + saslExternalOutbound
        + ", dialbackEnabled="
        + dialbackEnabled
        + ", dialbackSecret=***, idleTimeout="
        + idleTimeout
        + ", connectTimeout="
        + connectTimeout
        + ", negotiationTimeout="
        + negotiationTimeout
        + ", limits="
        + limits
        + "]";
  }
}
