package io.fedgate.routes;

import io.fedgate.core.net.HostSyntax;
import io.fedgate.routes.pattern.ReversedPattern;
import java.util.Locale;
import java.util.Optional;

/**
 * A destination as the route table sees it: the user part (possibly empty) and the host.
 *
 * @param user user part, empty for a bare domain; case kept (SIP user parts are case-sensitive)
 * @param host normalized host: lower case, no trailing dot, IPv6 without brackets
 */
public record RouteAddress(String user, String host) {

  /**
   * Parses {@code sip:user@host[:port][;params]}, {@code sips:...}, {@code xmpp:user@host/res},
   * {@code user@host/resource} or a bare {@code host}. Empty when the text is none of these or the
   * host is neither a DNS name nor an IP literal.
   */
  public static Optional<RouteAddress> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim();
    if (s.startsWith("<") && s.endsWith(">")) {
      s = s.substring(1, s.length() - 1);
    }
    String lower = s.toLowerCase(Locale.ROOT);
    boolean sip = lower.startsWith("sip:") || lower.startsWith("sips:");
    s = s.substring(schemeLength(lower));
    s = sip ? cutAt(s, ";?") : cutAt(s, "/");
    int at = s.lastIndexOf('@');
    String user = at < 0 ? "" : s.substring(0, at);
    if (at == 0 || user.contains(" ")) {
      return Optional.empty();
    }
    return host(s.substring(at + 1)).map(h -> new RouteAddress(user, h));
  }

  private static int schemeLength(String lower) {
    for (String scheme : new String[] {"sip:", "sips:", "xmpp:"}) {
      if (lower.startsWith(scheme)) {
        return scheme.length();
      }
    }
    return 0;
  }

  private static String cutAt(String s, String stops) {
    for (int i = 0; i < s.length(); i++) {
      if (stops.indexOf(s.charAt(i)) >= 0) {
        return s.substring(0, i);
      }
    }
    return s;
  }

  private static Optional<String> host(String hostPort) {
    String host = hostPort;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      host = close < 0 ? "" : host.substring(1, close);
    } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') >= 0) {
      host = host.substring(0, host.indexOf(':'));
    }
    String normalized = HostSyntax.normalize(host);
    return HostSyntax.isDnsName(normalized) || HostSyntax.isIpLiteral(normalized)
        ? Optional.of(normalized)
        : Optional.empty();
  }

  /** An address for a bare domain. */
  public static RouteAddress domain(String host) {
    return new RouteAddress("", HostSyntax.normalize(host));
  }

  /** Whether there is a user part (user routes only match addresses that have one). */
  public boolean hasUser() {
    return !user.isEmpty();
  }

  /** The reversed host that domain routes are matched against ({@code .com.example.sip}). */
  public String reversedHost() {
    return ReversedPattern.reverseHost(host);
  }

  /** The same user at another host (used by the AOL default-domain chain). */
  public RouteAddress withHost(String otherHost) {
    return new RouteAddress(user, HostSyntax.normalize(otherHost));
  }

  @Override
  public String toString() {
    return user.isEmpty() ? host : user + "@" + host;
  }
}
