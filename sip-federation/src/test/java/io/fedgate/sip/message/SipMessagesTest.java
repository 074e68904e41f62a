package io.fedgate.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipMessagesTest {
  private static final String MESSAGE =
      "\r\n\r\nMESSAGE sip:bob@local.test SIP/2.0\r\n"
          + "v: SIP/2.0/TLS 203.0.113.10:5061;branch=z9hG4bK1\r\n"
          + "Max-Forwards: 70\r\n"
          + "f: \"Alice\" <sip:alice@example.com>;tag=a1;epid=4b2de9f017\r\n"
          + "t: <sip:bob@local.test>\r\n"
          + "i: 0d3f5e8c\r\n"
          + "CSeq: 1 MESSAGE\r\n"
          + "Supported: ms-dialog-route-set-update,\r\n"
          + " ms-benotify\r\n"
          + "Supported: timer\r\n"
          + "c: text/plain; charset=UTF-8\r\n"
          + "l: 5\r\n"
          + "\r\n"
          + "Hello";

  private static SipMessage parse(String text) {
    return SipMessages.parse(text.getBytes(StandardCharsets.UTF_8)).message().orElseThrow();
  }

  @Test
  void readsCompactFormsFoldingAndSkipsKeepAliveCrlfs() {
    SipMessage m = parse(MESSAGE);

    assertThat(m.method()).isEqualTo("MESSAGE");
    assertThat(m.requestUri()).contains("sip:bob@local.test");
    assertThat(m.header("Call-ID")).contains("0d3f5e8c");
    assertThat(m.header("content-type")).contains("text/plain; charset=UTF-8");
    assertThat(m.contentType()).contains("text/plain");
    assertThat(m.headerValues("supported"))
        .containsExactly("ms-dialog-route-set-update", "ms-benotify", "timer");
    assertThat(m.hasToken("Supported", "MS-BENOTIFY")).isTrue();
    assertThat(m.bodyText()).isEqualTo("Hello");
    NameAddr from = NameAddr.parse(m.header("from").orElseThrow()).orElseThrow();
    assertThat(from.displayName()).isEqualTo("Alice");
    assertThat(from.uri()).isEqualTo("sip:alice@example.com");
    assertThat(from.parameter("epid")).contains("4b2de9f017");
  }

  @Test
  void serializeWritesTheRealContentLengthAndParsesBack() {
    SipMessage m =
        parse(MESSAGE).withBody("text/plain", "Hi there".getBytes(StandardCharsets.UTF_8));
    String text = new String(SipMessages.serialize(m), StandardCharsets.UTF_8);

    assertThat(text).startsWith("MESSAGE sip:bob@local.test SIP/2.0\r\n");
    assertThat(text).contains("\r\nContent-Length: 8\r\n\r\nHi there");
    assertThat(parse(text)).isEqualTo(m.withHeader("Content-Length", "8"));
  }

  @Test
  void extraBytesAfterContentLengthAreNotPartOfTheBody() {
    assertThat(parse(MESSAGE + "EXTRA").bodyText()).isEqualTo("Hello");
  }

  @Test
  void bareLineFeedsAreTolerated() {
    SipMessage m = parse(MESSAGE.replace("\r\n", "\n"));
    assertThat(m.bodyText()).isEqualTo("Hello");
  }

  @Test
  void responsesCarryStatusReasonAndCseqMethod() {
    SipMessage ok =
        parse(
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS gw.local.test;branch=z9hG4bK2\r\n"
                + "From: <sip:bob@local.test>;tag=1\r\nTo: <sip:alice@example.com>;tag=2\r\n"
                + "Call-ID: x\r\nCSeq: 7 INVITE\r\nContent-Length: 0\r\n\r\n");
    assertThat(ok.isRequest()).isFalse();
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.reason()).isEqualTo("OK");
    assertThat(ok.method()).isEqualTo("INVITE");
  }

  @Test
  void malformedInputIsRejectedWithAStatusNeverAnException() {
    assertThat(SipMessages.parse(new byte[0]))
        .isEqualTo(new SipParse.Rejected(400, "empty message"));
    assertThat(SipMessages.parse("\r\n\r\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SipParse.Rejected.class);
    assertThat(SipMessages.parse("garbage".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SipParse.Rejected.class);
    byte[] notUtf8 = MESSAGE.replace("Alice", "Al\u00ffce").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(SipMessages.parse(notUtf8))
        .isEqualTo(new SipParse.Rejected(400, "headers are not UTF-8"));
    assertThat(SipMessages.parse(MESSAGE.replace("l: 5", "l: 50").getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new SipParse.Rejected(400, "Content-Length larger than the body"));
    assertThat(SipMessages.parse(new byte[SipMessages.MAX_MESSAGE_BYTES + 1]))
        .isEqualTo(new SipParse.Rejected(413, "message too large"));
  }

  @Test
  void toStringNeverShowsTheBody() {
    assertThat(parse(MESSAGE).toString()).doesNotContain("Hello").contains("5 body bytes");
  }
}
