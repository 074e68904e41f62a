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
        } else if (next == '\'' && i + 3 < rtf.length()) {
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
          if (k < rtf.length() && (rtf.charAt(k) == '-' || Character.isDigit(rtf.charAt(k)))) {
            k++;
            while (k < rtf.length() && Character.isDigit(rtf.charAt(k))) {
              k++;
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
            case "uc" -> ucSkip = number.isEmpty() ? 1 : Integer.parseInt(number);
            case "u" -> {
              if (!skip && !number.isEmpty()) {
                int code = Integer.parseInt(number);
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

  private static void append(StringBuilder out, boolean skip, char c) {
    if (!skip) {
      out.append(c);
    }
  }
}
