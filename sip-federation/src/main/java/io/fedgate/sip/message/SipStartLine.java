package io.fedgate.sip.message;

/** The first line of a SIP message: a request line or a status line (RFC 3261 §7.1, §7.2). */
public sealed interface SipStartLine permits SipStartLine.Request, SipStartLine.Response {

  /** {@code METHOD Request-URI SIP/2.0}; the method is case-sensitive (RFC 3261 §7.1). */
  record Request(String method, String requestUri) implements SipStartLine {
    public Request {
      if (method == null || method.isEmpty() || requestUri == null || requestUri.isEmpty()) {
        throw new IllegalArgumentException("method and Request-URI are required");
      }
    }

    @Override
    public String toString() {
      return method + " " + requestUri + " SIP/2.0";
    }
  }

  /** {@code SIP/2.0 Status-Code Reason-Phrase}; the status is 100-699. */
  record Response(int status, String reason) implements SipStartLine {
    public Response {
      if (status < 100 || status > 699) {
        throw new IllegalArgumentException("status out of range: " + status);
      }
      reason = reason == null ? "" : reason;
    }

    @Override
    public String toString() {
      return "SIP/2.0 " + status + " " + reason;
    }
  }
}
