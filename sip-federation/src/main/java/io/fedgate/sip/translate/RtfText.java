package io.fedgate.sip.translate;

import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Strips RTF (as Lync and OCS send in {@code text/rtf} and {@code ms-im-format}) to plain text:
 * control words dropped, par/line control words as newlines, tab, hex escapes in Windows-1252,
 * Unicode escapes with their fallback skipped, and the groups that are not text (font, colour and
 * style tables, starred destinations, pictures) skipped. PROTOCOL.md §5.1 [D].
 */
final class RtfText {
  private static final Set<String> SKIPPED_DESTINATIONS =
      Set.of("fonttbl", "colortbl", "stylesheet", "info", "pict", "header", "footer", "listtable");
  private static final Charset CP1252 = Charset.forName("windows-1252");

  private RtfText() {}

  static String toPlain(String rtf) {
    StringBuilder out = new StringBuilder();
    Deque<Boolean> skipStack = new ArrayDeque<>();
    boolean skip = false;
    int ucSkip = 1;
    int pendingSkip = 0;
    int i = 0;
    while (i < rtf.length()) {
      char c = rtf.charAt(i);
      if (c == '{') {
        skipStack.push(skip);
        i++;
      } else if (c == '}') {
        skip = skipStack.isEmpty() ? false : skipStack.pop();
        i++;
      } else if (c == '\\' && i + 1 < rtf.length()) {
        char next = rtf.charAt(i + 1);
        if (next == '\\' || next == '{' || next == '}') {
          append(out, skip, next);
          i += 2;
        } else if (next == '\'' && i + 3 < rtf.length() && isHex(rtf, i + 2) && isHex(rtf, i + 3)) {
          int code = Integer.parseInt(rtf.substring(i + 2, i + 4), 16);
          if (pendingSkip > 0) {
            pendingSkip--;
          } else if (!skip) {
            out.append(new String(new byte[] {(byte) code}, CP1252));
          }
          i += 4;
        } else if (next == '*') {
          skip = true;
          i += 2;
        } else if (Character.isLetter(next)) {
          int j = i + 1;
          while (j < rtf.length() && Character.isLetter(rtf.charAt(j))) {
            j++;
          }
          String word = rtf.substring(i + 1, j);
          int k = j;
          if (k < rtf.length() && (rtf.charAt(k) == '-' || isAsciiDigit(rtf.charAt(k)))) {
            k++;
            while (k < rtf.length() && isAsciiDigit(rtf.charAt(k)) && k - j < 7) {
              k++; // RTF numbers are 16-bit; longer runs are cut (and cannot overflow)
            }
          }
          String number = rtf.substring(j, k);
          if (k < rtf.length() && rtf.charAt(k) == ' ') {
            k++;
          }
          i = k;
          switch (word) {
            case "par", "line" -> append(out, skip, '\n');
            case "tab" -> append(out, skip, '\t');
            case "uc" -> ucSkip = Math.min(4, Math.max(0, number(number, 1)));
            case "u" -> {
              if (!skip && !number.isEmpty() && !number.equals("-")) {
                int code = number(number, 0);
                out.append((char) (code < 0 ? code + 65536 : code));
              }
              pendingSkip = ucSkip;
            }
            default -> {
              if (SKIPPED_DESTINATIONS.contains(word)) {
                skip = true;
              }
            }
          }
        } else {
          i += 2; // other control symbols (\~ \- \_ ...)
        }
      } else if (c == '\r' || c == '\n') {
        i++;
      } else {
        if (pendingSkip > 0) {
          pendingSkip--;
        } else {
          append(out, skip, c);
        }
        i++;
      }
    }
    return out.toString().strip();
  }

  private static boolean isHex(String s, int i) {
    return Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 128;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int number(String digits, int fallback) {
    return digits.isEmpty() || digits.equals("-") ? fallback : Integer.parseInt(digits);
  }

  private static void append(StringBuilder out, boolean skip, char c) {
    if (!skip) {
      out.append(c);
    }
  }
}
