package io.fedgate.xmpp.c2s;

import io.fedgate.xmpp.stream.StreamLimits;
import java.util.Locale;

/**
 * Settings of a C2S listener, frozen while it runs.
 *
 * @param domain the XMPP domain served (stream 'to' must name it, else {@code host-unknown})
 * @param tlsRequired STARTTLS required before SASL (default true; RFC 6120 §5.3.1)
 * @param plainEnabled offer SASL PLAIN (only ever over TLS)
 * @param limits stream limits
 */
public record C2sConfig(
    String domain, boolean tlsRequired, boolean plainEnabled, StreamLimits limits) {

  public C2sConfig {
    domain = domain.toLowerCase(Locale.ROOT);
    if (domain.isBlank()) {
      throw new IllegalArgumentException("domain must not be blank");
    }
  }

  /** STARTTLS required, PLAIN off, default limits. */
  public static C2sConfig defaults(String domain) {
    return new C2sConfig(domain, true, false, StreamLimits.DEFAULTS);
  }
}
