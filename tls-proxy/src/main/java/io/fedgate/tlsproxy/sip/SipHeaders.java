package io.fedgate.tlsproxy.sip;

import io.fedgate.tlsproxy.sip.InspectionException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header section of one SIP message: the start line and the header fields in order, folded
 * lines joined (RFC 3261 §7.3.1). Header names keep their spelling; look-ups accept the compact
 * forms.
 */
final class SipHeaders {
  record Field(String name, String value) {
    String canonical() {
      return canonicalName(name);
    }
  }

  private final String startLine;
  private final List<Field> fields;

  private SipHeaders(String startLine, List<Field> fields) {
    this.startLine = startLine;
    this.fields = fields;
  }

  static SipHeaders parse(String section) throws InspectionException {
    String[] lines = section.split("\r\n", -1);
    List<String> unfolded = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
        if (unfolded.isEmpty()) {
          throw new InspectionException(Reason.MALFORMED, "continuation line before any header");
        }
        int last = unfolded.size() - 1;
        unfolded.set(last, unfolded.get(last) + " " + line.strip());
      } else {
        unfolded.add(line);
      }
    }
    List<Field> fields = new ArrayList<>();
    for (String line : unfolded) {
      int colon = line.indexOf(':');
      if (colon <= 0 || !isToken(line.substring(0, colon).strip())) {
        throw new InspectionException(Reason.MALFORMED, "header line without a name and ':'");
      }
      fields.add(new Field(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
    }
    return new SipHeaders(lines[0], fields);
  }

  String startLine() {
    return startLine;
  }

  List<Field> fields() {
    return fields;
  }

  /** The first value of a header, by canonical name; empty string when absent. */
  String first(String canonical) {
    return fields.stream()
        .filter(f -> f.canonical().equals(canonical))
        .map(Field::value)
        .findFirst()
        .orElse("");
  }

  /** The Content-Length, required on stream transports (RFC 3261 §18.3, §20.14). */
  long contentLength() throws InspectionException {
    Long found = null;
    for (Field field : fields) {
      if (!field.canonical().equals("content-length")) {
        continue;
      }
      String value = field.value();
      if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
        throw new InspectionException(Reason.MALFORMED, "bad Content-Length");
      }
      long parsed = Long.parseLong(value);
      if (found != null && found != parsed) {
        throw new InspectionException(Reason.MALFORMED, "conflicting Content-Length headers");
      }
      found = parsed;
    }
    if (found == null) {
      throw new InspectionException(Reason.MALFORMED, "no Content-Length on a stream transport");
    }
    return found;
  }

  /** Lower-case long form of a header name (compact forms of RFC 3261 §7.3.3 expanded). */
  static String canonicalName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "v" -> "via";
      case "m" -> "contact";
      case "l" -> "content-length";
      case "c" -> "content-type";
      case "f" -> "from";
      case "t" -> "to";
      case "i" -> "call-id";
      default -> lower;
    };
  }

  private static boolean isToken(String s) {
    return !s.isEmpty()
        && s.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
  }
}
