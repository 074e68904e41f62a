package io.fedgate.sip.message;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The header checks of {@link SipMessages#parse}, each citing the rule it enforces. */
final class SipHeaderChecks {
  // compiled once: these run on every inbound request
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern BLANKS = Pattern.compile("[ \t]+");
  private static final Pattern VIA =
      Pattern.compile("(?i)SIP\\s*/\\s*2\\.0\\s*/\\s*[A-Za-z0-9.!%*_+`'~-]+\\s+\\S.*");
  private static final Pattern QUOTED = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"");
  private static final Pattern EMPTY_PARAMETER = Pattern.compile(".*;\\s*;.*");

  /** RFC 3261 §8.1.1 (Max-Forwards only for requests), §20: single-valued headers. */
  private static final List<String> MANDATORY = List.of("to", "from", "call-id", "cseq", "via");

  private static final List<String> SINGLE =
      List.of(
          "to",
          "from",
          "call-id",
          "cseq",
          "max-forwards",
          "content-length",
          "content-type",
          "expires");

  private SipHeaderChecks() {}

  static SipParse check(SipMessage m) {
    for (String name : MANDATORY) {
      if (m.headerLines(name).isEmpty()) {
        return reject("missing " + name);
      }
    }
    for (String name : SINGLE) {
      if (m.headerLines(name).size() > 1) {
        return reject("more than one " + name);
      }
    }
    String[] cseq = WHITESPACE.split(m.header("cseq").orElse(""));
    if (cseq.length != 2 || !SipSyntax.isNumberUpTo(cseq[0], 0xFFFFFFFFL)) {
      return reject("bad CSeq");
    }
    if (m.isRequest() && !cseq[1].equals(m.method())) {
      return reject("CSeq method does not match"); // RFC 3261 §8.1.1.5
    }
    if (!m.header("max-forwards").map(v -> SipSyntax.isNumberUpTo(v, 255)).orElse(true)) {
      return reject("bad Max-Forwards");
    }
    if (!m.header("expires").map(v -> SipSyntax.isNumberUpTo(v, 0xFFFFFFFFL)).orElse(true)) {
      return reject("bad Expires");
    }
    if (!m.header("content-length").map(v -> SipSyntax.isNumberUpTo(v, 1L << 30)).orElse(true)) {
      return reject("bad Content-Length");
    }
    if (!m.header("date").map(v -> v.endsWith(" GMT")).orElse(true)) {
      return reject("bad Date"); // RFC 3261 §20.17: always GMT
    }
    for (String via : m.headerLines("via")) {
      if (!viaOk(via)) {
        return reject("bad via");
      }
    }
    for (String name : List.of("to", "from")) {
      if (!nameAddrOk(m.header(name).orElse(""))) {
        return reject("bad " + name);
      }
    }
    for (String contact : m.headerValues("contact")) {
      if (!contact.equals("*") && !nameAddrOk(contact)) {
        return reject("bad contact");
      }
    }
    return new SipParse.Parsed(m);
  }

  /** RFC 3261 §20.10: display name is a quoted string or tokens; no LWS inside {@code <>}. */
  static boolean nameAddrOk(String value) {
    if (!balancedQuotes(value)) {
      return false;
    }
    String v = value.strip();
    int lt = v.startsWith("\"") ? v.indexOf('<', v.indexOf('"', 1)) : v.indexOf('<');
    if (lt < 0) {
      String uri = NameAddr.parse(v).map(NameAddr::uri).orElse("");
      // addr-spec form: no header components, no comma, no display name
      return SipSyntax.isUri(uri) && uri.indexOf('?') < 0;
    }
    String display = v.substring(0, lt).strip();
    if (!display.isEmpty() && !display.startsWith("\"")) {
      for (String word : BLANKS.split(display)) {
        if (!SipSyntax.isToken(word)) {
          return false;
        }
      }
    }
    return !emptyParameter(v.substring(v.indexOf('>', lt) + 1))
        && NameAddr.parse(v).map(a -> SipSyntax.isUri(a.uri()) && !hasLws(v, lt)).orElse(false);
  }

  /** RFC 3261 §20.42: {@code SIP/2.0/transport sent-by *(;param)}, no empty elements. */
  private static boolean viaOk(String line) {
    if (line.strip().endsWith(",") || line.contains(",,")) {
      return false;
    }
    for (String via : HeaderValues.splitCommas(line)) {
      if (!VIA.matcher(via).matches() || emptyParameter(via)) {
        return false;
      }
    }
    return true;
  }

  /** An empty {@code ;;} or trailing {@code ;} parameter outside quotes. */
  private static boolean emptyParameter(String v) {
    String unquoted = QUOTED.matcher(v).replaceAll("\"\"");
    return EMPTY_PARAMETER.matcher(unquoted).matches() || unquoted.strip().endsWith(";");
  }

  private static boolean hasLws(String v, int lt) {
    int gt = v.indexOf('>', lt);
    return gt < 0 || v.substring(lt + 1, gt).chars().anyMatch(c -> c == ' ' || c == '\t');
  }

  private static boolean balancedQuotes(String v) {
    boolean quoted = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      }
    }
    return !quoted;
  }

  private static SipParse reject(String reason) {
    return new SipParse.Rejected(400, reason.toLowerCase(Locale.ROOT));
  }
}
