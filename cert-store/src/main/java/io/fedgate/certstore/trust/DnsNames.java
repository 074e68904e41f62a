package io.fedgate.certstore.trust;

import java.util.Locale;

/**
 * DNS name comparison for RFC 6125 §6.4: case-insensitive (ASCII), a trailing dot ignored, and a
 * wildcard only as the complete left-most label matching exactly one label.
 */
public final class DnsNames {
  private DnsNames() {}

  /** Lower-case, without a trailing dot, trimmed. */
  public static String normalise(String name) {
    String trimmed = name.trim().toLowerCase(Locale.ROOT);
    return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  /** Exact comparison (RFC 6125 §6.4.1), no wildcard. */
  public static boolean same(String presented, String reference) {
    return normalise(presented).equals(normalise(reference));
  }

  /**
   * DNS-ID comparison with RFC 6125 §6.4.3 wildcards, restricted as RFC 9525 §6.3 does: {@code *}
   * must be the whole left-most label, matches exactly one non-empty label, and must be followed by
   * at least two labels ({@code *.com} matches nothing).
   */
  public static boolean matches(String presented, String reference) {
    String pattern = normalise(presented);
    String name = normalise(reference);
    if (!pattern.startsWith("*.")) {
      return !pattern.contains("*") && pattern.equals(name);
    }
    String suffix = pattern.substring(1);
    if (suffix.substring(1).contains("*") || suffix.chars().filter(c -> c == '.').count() < 2) {
      return false;
    }
    if (!name.endsWith(suffix)) {
      return false;
    }
    String label = name.substring(0, name.length() - suffix.length());
    return !label.isEmpty() && !label.contains(".");
  }
}
