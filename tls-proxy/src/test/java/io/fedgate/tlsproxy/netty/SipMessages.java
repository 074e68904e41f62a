package io.fedgate.tlsproxy.netty;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The SIP traffic of the ITs: a partner's INVITE with SDP and the appliance's 200 OK. */
final class SipMessages {
  private SipMessages() {}

  static String withBody(String head, String body) {
    return head + "Content-Length: " + body.length() + "\r\n\r\n" + body;
  }

  static String invite(String fromDomain, int publicPort) {
    String sdp =
        "v=0\r\no=bob 1 1 IN IP4 127.0.0.40\r\ns=-\r\nc=IN IP4 127.0.0.40\r\nt=0 0\r\n"
            + "m=message 5061 sip null\r\n";
    return withBody(
        "INVITE sip:alice@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS 127.0.0.40:5061;branch=z9hG4bK-c1\r\n"
            + "Route: <sip:127.0.0.41:"
            + publicPort
            + ";transport=tls;lr>\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:bob@"
            + fromDomain
            + ">;tag=p1\r\n"
            + "To: <sip:alice@example.com>\r\n"
            + "Call-ID: c1@partner.example\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: <sip:bob@127.0.0.40:5061;transport=tls>\r\n"
            + "Content-Type: application/sdp\r\n",
        sdp);
  }

  static String message(String fromDomain, String text) {
    return withBody(
        "MESSAGE sip:alice@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS 127.0.0.40:5061;branch=z9hG4bK-m1\r\n"
            + "From: <sip:bob@"
            + fromDomain
            + ">;tag=p2\r\n"
            + "To: <sip:alice@example.com>\r\n"
            + "Call-ID: m1@partner.example\r\n"
            + "CSeq: 1 MESSAGE\r\n"
            + "Content-Type: text/plain\r\n",
        text);
  }

  /** The appliance's answer: its own addresses in Record-Route, Contact and SDP. */
  static String ok(String request, int insidePort) {
    String sdp =
        "v=0\r\no=alice 2 2 IN IP4 127.0.0.42\r\ns=-\r\nc=IN IP4 127.0.0.42\r\nt=0 0\r\n"
            + "m=message 5080 sip null\r\n";
    boolean invite = request.startsWith("INVITE");
    return withBody(
        "SIP/2.0 200 OK\r\n"
            + header(request, "Via")
            + "Record-Route: <sip:127.0.0.42:"
            + insidePort
            + ";transport=tls;lr>\r\n"
            + header(request, "From")
            + header(request, "To").replace("\r\n", ";tag=a1\r\n")
            + header(request, "Call-ID")
            + header(request, "CSeq")
            + "Contact: <sip:alice@127.0.0.42:5080;transport=tls>\r\n"
            + (invite ? "Content-Type: application/sdp\r\n" : ""),
        invite ? sdp : "");
  }

  static String header(String message, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + ": .*\r\n").matcher(message);
    return m.find() ? m.group() : "";
  }
}
