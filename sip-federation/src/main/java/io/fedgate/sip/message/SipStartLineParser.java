package io.fedgate.sip.message;

import java.util.Locale;

/** RFC 3261 §7.1 Request-Line and §7.2 Status-Line; single spaces, version SIP/2.0. */
final class SipStartLineParser {
  record Result(SipStartLine startLine, SipParse.Rejected rejected) {}

  private SipStartLineParser() {}

  static Result parse(String line) {
    if (line.startsWith("SIP/")) {
      return status(line);
    }
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || !SipSyntax.isToken(parts[0])) {
      return reject(400, "bad request line");
    }
    if (!parts[2].toUpperCase(Locale.ROOT).startsWith("SIP/")) {
      return reject(400, "bad request line");
    }
    if (!parts[2].equalsIgnoreCase("SIP/2.0")) {
      return reject(505, "version not supported");
    }
    String uri = parts[1];
    if (!SipSyntax.isUri(uri)) {
      return reject(400, "bad Request-URI");
    }
    String scheme = uri.substring(0, uri.indexOf(':')).toLowerCase(Locale.ROOT);
    if ((scheme.equals("sip") || scheme.equals("sips"))
        && uri.indexOf('?', Math.max(0, uri.lastIndexOf('@'))) >= 0) {
      // RFC 3261 §19.1.1: header components are not allowed in a Request-URI
      return reject(400, "headers in Request-URI");
    }
    return new Result(new SipStartLine.Request(parts[0], uri), null);
  }

  private static Result status(String line) {
    int sp1 = line.indexOf(' ');
    if (sp1 < 0) {
      return reject(400, "bad status line");
    }
    if (!line.substring(0, sp1).equalsIgnoreCase("SIP/2.0")) {
      return reject(505, "version not supported");
    }
    int sp2 = line.indexOf(' ', sp1 + 1);
    String code = sp2 < 0 ? line.substring(sp1 + 1) : line.substring(sp1 + 1, sp2);
    if (code.length() != 3 || !SipSyntax.isNumberUpTo(code, 699) || code.charAt(0) == '0') {
      return reject(400, "bad status code");
    }
    int status = Integer.parseInt(code);
    if (status < 100) {
      return reject(400, "bad status code");
    }
    return new Result(
        new SipStartLine.Response(status, sp2 < 0 ? "" : line.substring(sp2 + 1)), null);
  }

  private static Result reject(int status, String reason) {
    return new Result(null, new SipParse.Rejected(status, reason));
  }
}
