package io.fedgate.acl.net;

import java.util.Locale;
import java.util.Optional;

/**
 * A DNS name in normal form: lower case, no trailing dot, LDH labels of 1..63 characters (no
 * leading or trailing hyphen), at most 253 characters, last label not all digits.
 *
 * @param value the normalized name
 */
public record DomainName(String value) {

  public DomainName {
    if (!isValid(value)) {
      throw new IllegalArgumentException("not a normalized DNS name: '" + value + "'");
    }
  }

  /** Normalizes and checks a name; empty if it is not a DNS name. */
  public static Optional<DomainName> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    return isValid(s) ? Optional.of(new DomainName(s)) : Optional.empty();
  }

  /** One pass, no allocation: the incoming ACL checks the peer's names on every SIP request. */
  private static boolean isValid(String s) {
    if (s == null || s.isEmpty() || s.length() > 253) {
      return false;
    }
    int start = 0;
    boolean allDigits = true;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '.') {
        int length = i - start;
        if (length == 0 || length > 63 || s.charAt(start) == '-' || s.charAt(i - 1) == '-') {
          return false;
        }
        if (i == s.length()) {
          return !allDigits; // the last label is not all digits
        }
        start = i + 1;
        allDigits = true;
      } else {
        char c = s.charAt(i);
        boolean digit = c >= '0' && c <= '9';
        if (!digit && !(c >= 'a' && c <= 'z') && c != '-') {
          return false;
        }
        allDigits &= digit;
      }
    }
    return false;
  }

  /**
   * Whether {@code other} is this name or below it, on a label boundary: {@code example.com} is
   * covered by itself and covers {@code sip.example.com}, but not {@code badexample.com}.
   */
  public boolean isSameOrParentOf(DomainName other) {
    return other.value.equals(value) || other.value.endsWith("." + value);
  }

  /** Number of labels. */
  public int labelCount() {
    return value.split("\\.").length;
  }

  @Override
  public String toString() {
    return value;
  }
}
