package io.fedgate.acl.net;

/** Text forms of IP addresses; parsing returns null on anything that is not a literal. */
final class IpLiteral {

  private IpLiteral() {}

  /** Dotted quad, each part 0..255 in decimal without leading zeros. */
  static byte[] parseV4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      int value = decimalOctet(parts[i]);
      if (value < 0) {
        return null;
      }
      out[i] = (byte) value;
    }
    return out;
  }

  private static int decimalOctet(String part) {
    if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= 255 ? value : -1;
  }

  /** RFC 4291 section 2.2 text: eight groups, one "::" at most, optional dotted-quad tail. */
  static byte[] parseV6(String s) {
    int gap = s.indexOf("::");
    if (gap >= 0 && (s.indexOf("::", gap + 1) >= 0 || s.substring(0, gap).contains("."))) {
      return null;
    }
    int[] head = gap < 0 ? groups(s) : groups(s.substring(0, gap));
    int[] tail = gap < 0 ? new int[0] : groups(s.substring(gap + 2));
    if (head == null || tail == null) {
      return null;
    }
    int count = head.length + tail.length;
    if (gap < 0 ? count != 8 : count > 7) {
      return null;
    }
    byte[] out = new byte[16];
    put(out, 0, head);
    put(out, 8 - tail.length, tail);
    return out;
  }

  private static void put(byte[] out, int group, int[] values) {
    for (int i = 0; i < values.length; i++) {
      out[(group + i) * 2] = (byte) (values[i] >>> 8);
      out[(group + i) * 2 + 1] = (byte) values[i];
    }
  }

  /** 16-bit groups of a colon-separated run (empty run -> none); a last dotted quad gives two. */
  private static int[] groups(String run) {
    if (run.isEmpty()) {
      return new int[0];
    }
    String[] parts = run.split(":", -1);
    String last = parts[parts.length - 1];
    byte[] v4 = last.contains(".") ? parseV4(last) : null;
    if (last.contains(".") && v4 == null) {
      return null;
    }
    int n = parts.length + (v4 != null ? 1 : 0);
    int[] out = new int[n];
    for (int i = 0; i < parts.length - (v4 != null ? 1 : 0); i++) {
      out[i] = hexGroup(parts[i]);
      if (out[i] < 0) {
        return null;
      }
    }
    if (v4 != null) {
      out[n - 2] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
      out[n - 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
    }
    return out;
  }

  private static int hexGroup(String g) {
    if (g.isEmpty() || g.length() > 4) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < g.length(); i++) {
      int d = hexDigit(g.charAt(i));
      if (d < 0) {
        return -1;
      }
      value = value * 16 + d;
    }
    return value;
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  static String formatV4(byte[] b) {
    return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
  }

  /** RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
  static String formatV6(byte[] b) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = Math.max(j, i + 1);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLen - 1;
      } else {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
          out.append(':');
        }
        out.append(Integer.toHexString(g[i]));
      }
    }
    return out.toString();
  }
}
