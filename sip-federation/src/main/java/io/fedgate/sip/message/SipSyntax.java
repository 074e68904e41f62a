package io.fedgate.sip.message;

/** Character classes of the RFC 3261 §25.1 grammar. */
final class SipSyntax {
  private static final String TOKEN_MARKS = "-.!%*_+`'~";

  private SipSyntax() {}

  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && TOKEN_MARKS.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** A non-negative decimal that fits {@code max}. */
  static boolean isNumberUpTo(String s, long max) {
    if (s.isEmpty() || s.length() > 19) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return Long.parseLong(s) <= max;
  }

  /** A URI as allowed in a Request-URI or name-addr: {@code scheme:rest}, no whitespace or <>. */
  static boolean isUri(String s) {
    int colon = s.indexOf(':');
    if (colon <= 0) {
      return false;
    }
    for (int i = 0; i < colon; i++) {
      char c = s.charAt(i);
      boolean ok = Character.isLetterOrDigit(c) && c < 128 || (i > 0 && "+-.".indexOf(c) >= 0);
      if (!ok) {
        return false;
      }
    }
    for (int i = colon + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == '<' || c == '>' || c == '"') {
        return false;
      }
    }
    return colon < s.length() - 1;
  }
}
