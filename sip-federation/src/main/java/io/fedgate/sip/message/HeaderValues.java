package io.fedgate.sip.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Splitting of header values at commas and semicolons that are not quoted or bracketed. */
public final class HeaderValues {
  private HeaderValues() {}

  /** Splits a header line into its comma-separated elements (RFC 3261 §7.3.1). */
  public static List<String> splitCommas(String line) {
    return split(line, ',');
  }

  /** Splits at {@code separator} outside double quotes and angle brackets; trims, drops empties. */
  static List<String> split(String line, char separator) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    int angle = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '\\' && i + 1 < line.length()) {
        current.append(c).append(line.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '<') {
        angle++;
      } else if (!quoted && c == '>' && angle > 0) {
        angle--;
      } else if (!quoted && angle == 0 && c == separator) {
        add(out, current);
        continue;
      }
      current.append(c);
    }
    add(out, current);
    return out;
  }

  private static void add(List<String> out, StringBuilder current) {
    String s = current.toString().strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
    current.setLength(0);
  }

  /**
   * Parses {@code ;name=value;flag} parameters (names lower-cased, values unquoted, flags map to
   * {@code ""}); {@code text} is what follows the main value.
   */
  public static Map<String, String> parameters(String text) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String part : split(text, ';')) {
      int eq = part.indexOf('=');
      String name = (eq < 0 ? part : part.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : unquote(part.substring(eq + 1).strip());
      if (!name.isEmpty()) {
        params.putIfAbsent(name, value);
      }
    }
    return params;
  }

  /** Removes surrounding double quotes and backslash escapes. */
  public static String unquote(String value) {
    if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
      return value;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < value.length() - 1; i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length() - 1) {
        c = value.charAt(++i);
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
