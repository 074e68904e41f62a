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

  private static boolean isValid(String s) {
    if (s == null || s.isEmpty() || s.length() > 253) {
      return false;
    }
    String[] labels = s.split("\\.", -1);
    for (String label : labels) {
      if (!isLabel(label)) {
        return false;
      }
    }
    return !labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static boolean isLabel(String label) {
    if (label.isEmpty() || label.length() > 63) {
      return false;
    }
    if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
      return false;
    }
    return label
        .chars()
        .allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
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
