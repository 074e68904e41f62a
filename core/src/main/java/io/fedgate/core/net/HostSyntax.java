package io.fedgate.core.net;

import java.util.regex.Pattern;

/**
 * Syntax checks for host names and address literals, without any DNS lookup (pure). Used to
 * validate configuration before anything is bound or resolved.
 */
public final class HostSyntax {
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private HostSyntax() {}

  /**
   * A DNS name: RFC 1123 labels, at most 253 characters, no trailing dot, and a last label that is
   * not all digits (so that "10.1.1" or "300.1.1.1" are not taken for names).
   */
  public static boolean isDnsName(String name) {
    if (name == null || name.isEmpty() || name.length() > 253 || name.endsWith(".")) {
      return false;
    }
    String[] labels = name.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
  }

  public static boolean isIpv4Literal(String value) {
    return value != null && IPV4.matcher(value).matches();
  }

  /** A plausible IPv6 literal: hex groups and colons, at most one "::", optionally IPv4-tailed. */
  public static boolean isIpv6Literal(String value) {
    if (value == null || !value.contains(":") || !IPV6.matcher(value).matches()) {
      return false;
    }
    int doubleColon = value.indexOf("::");
    if (doubleColon >= 0 && value.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String[] groups = value.split(":", -1);
    int max = doubleColon >= 0 ? 9 : 8;
    if (groups.length > max || (doubleColon < 0 && groups.length < 8 && !value.contains("."))) {
      return false;
    }
    for (String group : groups) {
      if (group.length() > 4 && !isIpv4Literal(group)) {
        return false;
      }
    }
    return true;
  }

  /** A listen or connect address: an IP literal or a DNS name. */
  public static boolean isHost(String value) {
    return isIpv4Literal(value) || isIpv6Literal(value) || isDnsName(value);
  }
}
