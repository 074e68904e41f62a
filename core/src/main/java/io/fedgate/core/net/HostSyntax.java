package io.fedgate.core.net;

import java.util.Locale;

/**
 * Syntax checks for host names and IP literals, without DNS.
 *
 * <p>Names are checked as LDH labels (RFC 1123): 1..63 characters of letters, digits and hyphens,
 * not starting or ending with a hyphen, at most 253 characters overall, the last label not all
 * digits (so that {@code 256.1.1.1} is neither an address nor a name). SRV owner names such as
 * {@code _sipfederationtls._tcp.example.com} may additionally start with underscore labels.
 */
public final class HostSyntax {

  private HostSyntax() {}

  /** Lower case, without a trailing root dot. */
  public static String normalize(String host) {
    String lower = host.trim().toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  /** An LDH DNS name (one or more labels). */
  public static boolean isDnsName(String name) {
    return checkLabels(name, false);
  }

  /** An LDH DNS name whose leading labels may be SRV-style {@code _service._proto} labels. */
  public static boolean isSrvOrDnsName(String name) {
    return checkLabels(name, true);
  }

  /** A listen or connect address: a DNS name or an IPv4/IPv6 literal (optionally in brackets). */
  public static boolean isHost(String host) {
    return host != null && (isDnsName(host) || isIpLiteral(host));
  }

  /** A next hop: DNS name, SRV owner name, IPv4 or IPv6 literal (optionally in brackets). */
  public static boolean isNextHop(String host) {
    return host != null && (isSrvOrDnsName(host) || isIpLiteral(host));
  }

  /** Whether the host is an IPv4 or IPv6 literal. */
  public static boolean isIpLiteral(String host) {
    return host != null && (isIpv4Literal(host) || isIpv6Literal(unbracket(host)));
  }

  private static String unbracket(String host) {
    if (host.length() > 2 && host.startsWith("[") && host.endsWith("]")) {
      return host.substring(1, host.length() - 1);
    }
    return host;
  }

  private static boolean checkLabels(String name, boolean allowServiceLabels) {
    if (name == null || name.isEmpty() || name.length() > 253 || isIpv4Literal(name)) {
      return false;
    }
    String[] labels = name.split("\\.", -1);
    if (isAllDigits(labels[labels.length - 1])) {
      return false;
    }
    boolean leading = allowServiceLabels;
    for (String label : labels) {
      boolean service = leading && label.length() > 1 && label.charAt(0) == '_';
      String body = service ? label.substring(1) : label;
      leading = service;
      if (!isLdhLabel(body)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLdhLabel(String label) {
    if (label.isEmpty() || label.length() > 63) {
      return false;
    }
    if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
      return false;
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Dotted-quad IPv4 literal, each part 0..255 without leading zeros. */
  public static boolean isIpv4Literal(String s) {
    if (s == null) {
      return false;
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
        return false;
      }
      for (int i = 0; i < part.length(); i++) {
        if (!isDigit(part.charAt(i))) {
          return false;
        }
      }
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  /** IPv6 literal (RFC 4291 text form, {@code ::} at most once, optional IPv4 tail). */
  public static boolean isIpv6Literal(String s) {
    if (s == null || s.isEmpty() || !s.contains(":")) {
      return false;
    }
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String[] groups = s.replace("::", ":z:").split(":", -1);
    int count = 0;
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      boolean edge = i == 0 || i == groups.length - 1;
      if (g.equals("z") || (g.isEmpty() && edge && doubleColon >= 0)) {
        continue;
      }
      if (i == groups.length - 1 && isIpv4Literal(g)) {
        count += 2;
      } else if (isHexGroup(g)) {
        count++;
      } else {
        return false;
      }
    }
    return doubleColon >= 0 ? count < 8 : count == 8;
  }

  private static boolean isHexGroup(String g) {
    if (g.isEmpty() || g.length() > 4) {
      return false;
    }
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (!isDigit(c) && !((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAllDigits(String s) {
    return s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
