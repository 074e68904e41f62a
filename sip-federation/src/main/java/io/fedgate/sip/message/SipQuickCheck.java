package io.fedgate.sip.message;

import java.nio.charset.StandardCharsets;

/**
 * A cheap pre-check for the start-line and From/To verdicts of {@link SipMessages#parse}, for the
 * listener's strict check of every inbound request's bytes. {@link #plainStartAndAddresses} is true
 * only when {@link SipMessages#parse} of the same bytes can certainly not answer {@code bad request
 * line}, {@code version not supported}, {@code bad from} or {@code bad to}: printable ASCII headers
 * without folding, a request line that {@link SipStartLineParser} accepts, exactly one From and one
 * To line, and both name-addrs passing the same check as in {@link SipHeaderChecks}. Anything else
 * (non-ASCII, folding, duplicates, a suspicious line) returns false and the caller runs the full
 * parse, so the verdicts are the full parse's in every case; only the common clean request skips
 * it.
 */
public final class SipQuickCheck {
  private SipQuickCheck() {}

  /**
   * Whether the request's start line and From/To are certainly fine (see the class comment); false
   * means "run {@link SipMessages#parse} to know".
   */
  public static boolean plainStartAndAddresses(byte[] bytes) {
    int i = 0;
    int n = bytes.length;
    while (i < n && (bytes[i] == '\r' || bytes[i] == '\n')) {
      i++;
    }
    String from = null;
    String to = null;
    boolean first = true;
    while (i < n) {
      int end = i;
      while (end < n && bytes[end] != '\n') {
        byte b = bytes[end];
        // only printable ASCII and tab (CR only right before LF): no decoding questions, no
        // control characters, no quoted-pair subtleties
        if ((b < 0x20 && b != '\t' && b != '\r') || b >= 0x7f) {
          return false;
        }
        end++;
      }
      if (end == n) {
        return false; // no end of the header section in sight: let the full parse say why
      }
      int lineEnd = end > i && bytes[end - 1] == '\r' ? end - 1 : end;
      for (int k = i; k < lineEnd; k++) {
        if (bytes[k] == '\r') {
          return false; // a bare CR inside a line
        }
      }
      if (lineEnd == i) {
        break; // the blank line: end of the headers
      }
      if (bytes[i] == ' ' || bytes[i] == '\t') {
        return false; // folding: the full parse unfolds
      }
      if (first) {
        SipStartLineParser.Result start = SipStartLineParser.parse(ascii(bytes, i, lineEnd));
        if (start.rejected() != null || !(start.startLine() instanceof SipStartLine.Request)) {
          return false;
        }
        first = false;
      } else {
        int colon = indexOf(bytes, i, lineEnd, (byte) ':');
        if (colon < 0) {
          return false;
        }
        int nameEnd = colon;
        while (nameEnd > i && (bytes[nameEnd - 1] == ' ' || bytes[nameEnd - 1] == '\t')) {
          nameEnd--;
        }
        int nameLength = nameEnd - i;
        boolean isFrom = is(bytes, i, nameLength, "from") || is(bytes, i, nameLength, "f");
        boolean isTo = is(bytes, i, nameLength, "to") || is(bytes, i, nameLength, "t");
        if (isFrom || isTo) {
          String value = ascii(bytes, colon + 1, lineEnd).strip();
          if (isFrom) {
            if (from != null) {
              return false;
            }
            from = value;
          } else {
            if (to != null) {
              return false;
            }
            to = value;
          }
        }
      }
      i = end + 1;
    }
    return !first
        && from != null
        && to != null
        && SipHeaderChecks.nameAddrOk(from)
        && SipHeaderChecks.nameAddrOk(to);
  }

  private static boolean is(byte[] bytes, int at, int length, String lowerName) {
    if (length != lowerName.length()) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      int c = bytes[at + k];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != lowerName.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] bytes, int from, int to, byte wanted) {
    for (int k = from; k < to; k++) {
      if (bytes[k] == wanted) {
        return k;
      }
    }
    return -1;
  }

  private static String ascii(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1); // ASCII, checked above
  }
}
