package io.fedgate.tlsproxy.sip;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.tlsproxy.config.SampleConfigs;
import io.fedgate.tlsproxy.config.Side;
import io.fedgate.tlsproxy.pat.AddressMap;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SipStreamTest {
  private static final AddressMap MAP = new AddressMap(SampleConfigs.impFederation().patMappings());

  static final String SDP =
      "v=0\r\n"
          + "o=alice 2890844526 2890844526 IN IP4 10.0.0.41\r\n"
          + "s=-\r\n"
          + "c=IN IP4 10.0.0.41\r\n"
          + "t=0 0\r\n"
          + "m=message 5060 sip null\r\n"
          + "c=IN IP4 10.0.0.77\r\n";

  static String invite(String sdp) {
    return "INVITE sip:bob@partner.example SIP/2.0\r\n"
        + "Via: SIP/2.0/TLS 10.0.0.41:5062;branch=z9hG4bK-1, SIP/2.0/TLS 10.0.0.41:5080\r\n"
        + "v: SIP/2.0/TLS imp1.inside.example:5062;branch=z9hG4bK-0\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@example.com>;tag=1\r\n"
        + "To: <sip:bob@partner.example>\r\n"
        + "Call-ID: abc@10.0.0.41\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:alice@10.0.0.41:5080;transport=tls>\r\n"
        + "Record-Route: <sip:10.0.0.41:5062;transport=tls;lr>,\r\n"
        + " <sip:10.0.0.99:5062;lr>\r\n"
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: "
        + sdp.length()
        + "\r\n\r\n"
        + sdp;
  }

  private static SipStream fromInside() {
    return new SipStream(new SipRewriter(MAP, Side.INSIDE), 4096);
  }

  private static byte[] relayed(List<Piece> pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pieces.forEach(p -> out.writeBytes(p.bytes()));
    return out.toByteArray();
  }

  @Test
  void insideAddressesBecomePublicInViaContactRecordRouteAndSdp() throws Exception {
    List<Piece> pieces = fromInside().feed(invite(SDP).getBytes(ISO_8859_1));

    String out = new String(relayed(pieces), ISO_8859_1);
    String expectedSdp = SDP.replace("10.0.0.41", "192.0.2.10");
    assertThat(out)
        .isEqualTo(
            "INVITE sip:bob@partner.example SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 192.0.2.10:5061;branch=z9hG4bK-1, SIP/2.0/TLS 192.0.2.10:5080\r\n"
                + "v: SIP/2.0/TLS imp1.inside.example:5062;branch=z9hG4bK-0\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=1\r\n"
                + "To: <sip:bob@partner.example>\r\n"
                + "Call-ID: abc@10.0.0.41\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:alice@192.0.2.10:5080;transport=tls>\r\n"
                + "Record-Route: <sip:192.0.2.10:5061;transport=tls;lr>, <sip:10.0.0.99:5062;lr>\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: "
                + expectedSdp.length()
                + "\r\n\r\n"
                + expectedSdp);
    assertThat(pieces.get(0).sip().orElseThrow().method()).contains("INVITE");
    assertThat(pieces.get(0).sip().orElseThrow().requestUriHost()).isEqualTo("partner.example");
    assertThat(pieces.get(0).rewrites()).hasSize(6);
  }

  @Test
  void publicAddressesBecomeInsideOnesTheOtherWay() throws Exception {
    String response =
        "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/TLS 192.0.2.10:5061;branch=z9hG4bK-1\r\n"
            + "Via: SIP/2.0/TLS 203.0.113.5:5061;branch=z9hG4bK-p\r\n"
            + "From: <sip:bob@partner.example>;tag=9\r\n"
            + "Record-Route: <sip:192.0.2.10:45062;lr>\r\n"
            + "Contact: <sip:bob@203.0.113.5:5061;transport=tls>\r\n"
            + "l: 0\r\n\r\n";
    SipStream stream = new SipStream(new SipRewriter(MAP, Side.OUTSIDE), 4096);

    Piece piece = stream.feed(response.getBytes(ISO_8859_1)).get(0);

    assertThat(new String(piece.bytes(), ISO_8859_1))
        .contains("Via: SIP/2.0/TLS 10.0.0.41:5062;branch=z9hG4bK-1\r\n")
        .contains("Via: SIP/2.0/TLS 203.0.113.5:5061;branch=z9hG4bK-p\r\n")
        .contains("Record-Route: <sip:10.0.0.42:5062;lr>\r\n")
        .contains("Contact: <sip:bob@203.0.113.5:5061;transport=tls>\r\n")
        .endsWith("l: 0\r\n\r\n");
    assertThat(piece.sip().orElseThrow().isRequest()).isFalse();
    assertThat(piece.sip().orElseThrow().fromHost()).isEqualTo("partner.example");
  }

  @Test
  void messagesFedInPiecesComeOutWholeAndKeepAlivesPassThrough() throws Exception {
    byte[] two = ("\r\n\r\n" + invite(SDP) + invite("")).getBytes(ISO_8859_1);
    SipStream stream = fromInside();
    List<Piece> pieces = new ArrayList<>();
    for (int i = 0; i < two.length; i += 7) {
      pieces.addAll(stream.feed(Arrays.copyOfRange(two, i, Math.min(two.length, i + 7))));
    }

    assertThat(pieces).hasSize(3);
    assertThat(pieces.get(0).sip()).isEmpty();
    assertThat(new String(pieces.get(0).bytes(), ISO_8859_1)).isEqualTo("\r\n\r\n");
    assertThat(pieces.get(1).sip()).isPresent();
    assertThat(pieces.get(2).sip()).isPresent();
  }

  @Test
  void aStreamThatIsNotSipIsRelayedUntouched() throws Exception {
    SipStream stream = fromInside();
    byte[] first = "HELLO 10.0.0.41:5062\r\n".getBytes(ISO_8859_1);
    byte[] second = {0, 1, 2, (byte) 255};

    assertThat(relayed(stream.feed(first))).isEqualTo(first);
    assertThat(relayed(stream.feed(second))).isEqualTo(second);
    assertThat(stream.isRaw()).isTrue();
  }

  @Test
  void aMessageOverTheLimitIsRefused() {
    SipStream stream = fromInside();
    String big = invite("x".repeat(5000));

    assertThatThrownBy(() -> stream.feed(big.getBytes(ISO_8859_1)))
        .isInstanceOf(InspectionException.class)
        .hasMessageStartingWith("[TOO_LARGE]");
  }

  @Test
  void endlessHeadersAreRefusedOnceOverTheLimit() throws Exception {
    SipStream stream = fromInside();
    stream.feed("MESSAGE sip:a@b SIP/2.0\r\n".getBytes(ISO_8859_1));

    assertThatThrownBy(() -> stream.feed(("X-Pad: " + "y".repeat(5000)).getBytes(ISO_8859_1)))
        .isInstanceOf(InspectionException.class)
        .hasMessageStartingWith("[TOO_LARGE]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "MESSAGE sip:a@b SIP/2.0\r\nVia: x\r\n\r\n",
        "MESSAGE sip:a@b SIP/2.0\r\nContent-Length: -1\r\n\r\n",
        "MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 2\r\nl: 3\r\n\r\nabc",
        "MESSAGE sip:a@b SIP/2.0\r\nno colon here\r\nContent-Length: 0\r\n\r\n",
        "MESSAGE sip:a@b SIP/2.0\r\n folded first\r\nContent-Length: 0\r\n\r\n",
        "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\nGARBAGE\r\nContent-Length: 0\r\n\r\n",
      })
  void malformedMessagesAreRefused(String input) {
    SipStream stream = fromInside();

    assertThatThrownBy(() -> stream.feed(input.getBytes(ISO_8859_1)))
        .isInstanceOf(InspectionException.class)
        .hasMessageStartingWith("[MALFORMED]");
  }
}
