package io.fedgate.xmpp.c2s;

import io.fedgate.xmpp.stream.StreamLimits;
import java.time.Duration;
import java.util.Locale;

/**
 * Settings of a C2S listener, frozen while it runs.
 *
 * @param domain the XMPP domain served (stream 'to' must name it, else {@code host-unknown})
 * @param tlsRequired STARTTLS required before SASL (default true; RFC 6120 §5.3.1)
 * @param plainEnabled offer SASL PLAIN (only ever over TLS)
 * @param limits stream limits
 * @param resumptionTimeout how long a XEP-0198 session whose connection dropped waits for the
 *     client to resume it; afterwards its unacknowledged stanzas are handed back to the router
 * @param maxUnacked how many stanzas sent to a XEP-0198 session may wait for the client's
 *     acknowledgement; one more ends the session ({@code policy-violation} when connected) and
 *     hands them all back to the router
 */
public record C2sConfig(
    String domain,
    boolean tlsRequired,
    boolean plainEnabled,
    StreamLimits limits,
    Duration resumptionTimeout,
    int maxUnacked) {
  /** The default resumption timeout: five minutes. */
  public static final Duration DEFAULT_RESUMPTION_TIMEOUT = Duration.ofMinutes(5);

  /** The default bound of the XEP-0198 unacknowledged queue. */
  public static final int DEFAULT_MAX_UNACKED = 1000;

  public C2sConfig {
    domain = domain.toLowerCase(Locale.ROOT);
    if (domain.isBlank()) {
      throw new IllegalArgumentException("domain must not be blank");
    }
    if (resumptionTimeout.isNegative() || resumptionTimeout.toMillis() < 1) {
      throw new IllegalArgumentException(
          "resumptionTimeout must be positive, was " + resumptionTimeout);
    }
    if (maxUnacked < 1) {
      throw new IllegalArgumentException("maxUnacked must be positive, was " + maxUnacked);
    }
  }

  /** With the default bound of the unacknowledged queue. */
  public C2sConfig(
      String domain,
      boolean tlsRequired,
      boolean plainEnabled,
      StreamLimits limits,
      Duration resumptionTimeout) {
    this(domain, tlsRequired, plainEnabled, limits, resumptionTimeout, DEFAULT_MAX_UNACKED);
  }

  /** With the default resumption timeout. */
  public C2sConfig(String domain, boolean tlsRequired, boolean plainEnabled, StreamLimits limits) {
    this(
        domain, tlsRequired, plainEnabled, limits, DEFAULT_RESUMPTION_TIMEOUT, DEFAULT_MAX_UNACKED);
  }

  /** STARTTLS required, PLAIN off, default limits. */
  public static C2sConfig defaults(String domain) {
    return new C2sConfig(domain, true, false, StreamLimits.DEFAULTS);
  }
}
