package io.fedgate.sip.message;

import java.util.Locale;
import java.util.Map;

/**
 * One header field line as it appeared (name spelling kept). Lookup by {@link #is(String)} ignores
 * case and treats the RFC 3261 §7.3.3 / RFC 6665 compact forms ({@code f}, {@code t}, {@code i},
 * {@code v}, {@code m}, {@code l}, {@code c}, {@code s}, {@code k}, {@code o}, ...) as their long
 * names.
 */
public record SipHeader(String name, String value) {
  private static final Map<String, String> COMPACT =
      Map.ofEntries(
          Map.entry("i", "call-id"),
          Map.entry("m", "contact"),
          Map.entry("e", "content-encoding"),
          Map.entry("l", "content-length"),
          Map.entry("c", "content-type"),
          Map.entry("f", "from"),
          Map.entry("s", "subject"),
          Map.entry("k", "supported"),
          Map.entry("t", "to"),
          Map.entry("v", "via"),
          Map.entry("o", "event"),
          Map.entry("u", "allow-events"),
          Map.entry("r", "refer-to"),
          Map.entry("b", "referred-by"),
          Map.entry("x", "session-expires"),
          Map.entry("a", "accept-contact"),
          Map.entry("j", "reject-contact"),
          Map.entry("d", "request-disposition"));

  public SipHeader {
    if (name == null || name.isBlank() || value == null) {
      throw new IllegalArgumentException("header name and value are required");
    }
    name = name.strip();
    value = value.strip();
  }

  /** The lower-case long form of a header name ({@code "f"} and {@code "From"} give "from"). */
  public static String canonical(String headerName) {
    String lower = headerName.strip().toLowerCase(Locale.ROOT);
    return COMPACT.getOrDefault(lower, lower);
  }

  /** Whether this header is {@code headerName} (case-insensitive, compact forms included). */
  public boolean is(String headerName) {
    if (name.length() > 1 && headerName.length() > 1) {
      return name.equalsIgnoreCase(headerName.strip()); // no compact form involved
    }
    return canonical(name).equals(canonical(headerName));
  }

  @Override
  public String toString() {
    return name + ": " + value;
  }
}
