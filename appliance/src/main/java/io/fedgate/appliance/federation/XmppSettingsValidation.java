package io.fedgate.appliance.federation;

import io.fedgate.appliance.store.JdbcXmppSettings.DnsOverride;
import io.fedgate.appliance.store.JdbcXmppSettings.Stored;
import io.fedgate.core.config.ConfigProblem;
import io.fedgate.core.net.HostSyntax;
import io.fedgate.xmpp.s2s.SecurityMode;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks of the XMPP Federation Settings and DNS overrides: every problem at once, no fix-ups. */
final class XmppSettingsValidation {
  static final int MIN_SECRET = 8;
  static final int MAX_SECRET = 255;

  private XmppSettingsValidation() {}

  /**
   * @param edit what the operator asked for (to name the fields they set)
   * @param after the settings the edit would store
   */
  static List<ConfigProblem> settings(XmppSettings.Edit edit, Stored after) {
    List<ConfigProblem> problems = new ArrayList<>();
    String secret = edit.dialbackSecret();
    if (secret != null && !secret.isEmpty()) {
      if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
        problems.add(
            new ConfigProblem(
                "dialbackSecret",
                "must be " + MIN_SECRET + " to " + MAX_SECRET + " characters long"));
      } else if (secret.chars().anyMatch(ch -> ch < 0x21 || ch == 0x7f)) {
        problems.add(
            new ConfigProblem("dialbackSecret", "must not contain spaces or control characters"));
      }
    }
    if (edit.dnsResolver() != null
        && !edit.dnsResolver().isBlank()
        && resolver(edit.dnsResolver()).isEmpty()) {
      problems.add(
          new ConfigProblem(
              "dnsResolver",
              "'"
                  + edit.dnsResolver()
                  + "' is not an IP address with an optional port (127.0.0.53, 10.0.0.2:5353,"
                  + " [::1]:53)"));
    }
    if (after.securityMode() == SecurityMode.NO_TLS) {
      noTls(problems, "requireClientCertificate", after.requireClientCertificate());
      noTls(problems, "saslExternalInbound", after.saslExternalInbound());
      noTls(problems, "saslExternalOutbound", after.saslExternalOutbound());
    }
    boolean dialback = after.sealedDialbackSecret() != null;
    if (after.enabled() && !dialback) {
      if (after.securityMode() == SecurityMode.NO_TLS) {
        problems.add(
            new ConfigProblem(
                "dialbackSecret",
                "No TLS federates by server dialback only, which needs a dialback secret"));
      } else if (!after.saslExternalInbound() || !after.saslExternalOutbound()) {
        problems.add(
            new ConfigProblem(
                "dialbackSecret",
                "without SASL EXTERNAL in "
                    + (after.saslExternalInbound() ? "outbound" : "inbound")
                    + " connections, servers can only be authenticated by dialback, which needs a"
                    + " dialback secret"));
      }
    }
    return problems;
  }

  private static void noTls(List<ConfigProblem> problems, String field, boolean value) {
    if (value) {
      problems.add(
          new ConfigProblem(
              field, "only available with security mode TLS Optional or TLS Required; set false"));
    }
  }

  static List<ConfigProblem> override(DnsOverride override) {
    List<ConfigProblem> problems = new ArrayList<>();
    if (!HostSyntax.isDnsName(override.domain())) {
      problems.add(new ConfigProblem("domain", "'" + override.domain() + "' is not a domain"));
    }
    if (!HostSyntax.isHost(override.host())) {
      problems.add(
          new ConfigProblem("host", "'" + override.host() + "' is not a host name or IP address"));
    }
    if (override.port() < 1 || override.port() > 65535) {
      problems.add(new ConfigProblem("port", "must be 1..65535, not " + override.port()));
    }
    if (override.description().length() > 255) {
      problems.add(new ConfigProblem("description", "at most 255 characters"));
    }
    return problems;
  }

  /**
   * The resolver address: an IPv4 or IPv6 literal, optionally with a port ({@code [v6]:port}); port
   * 53 when none is given.
   */
  static Optional<InetSocketAddress> resolver(String text) {
    String value = text.trim();
    String host = value;
    int port = 53;
    int colon = value.lastIndexOf(':');
    boolean bracketed = value.startsWith("[");
    if (bracketed || (colon > 0 && value.indexOf(':') == colon)) {
      int close = value.indexOf(']');
      int split = bracketed ? close + 1 : colon;
      if (bracketed && close < 0) {
        return Optional.empty();
      }
      host = bracketed ? value.substring(1, close) : value.substring(0, colon);
      if (split < value.length()) {
        if (value.charAt(split) != ':') {
          return Optional.empty();
        }
        try {
          port = Integer.parseInt(value.substring(split + 1));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    if (!HostSyntax.isIpLiteral(host) || port < 1 || port > 65535) {
      return Optional.empty();
    }
    return Optional.of(InetSocketAddress.createUnresolved(host, port));
  }

  static List<ConfigProblem> plus(List<ConfigProblem> problems, ConfigProblem more) {
    List<ConfigProblem> all = new ArrayList<>(problems);
    all.add(more);
    return all;
  }
}
