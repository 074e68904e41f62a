package io.fedgate.core.stanza;

/** XML escaping for text and single-quoted attribute values. */
public final class Xml {
  private Xml() {}

  public static String escape(String raw) {
    StringBuilder sb = new StringBuilder(raw.length() + 16);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '\'' -> sb.append("&apos;");
        case '"' -> sb.append("&quot;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
