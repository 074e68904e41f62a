package io.fedgate.xmpp.aalto;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.xmpp.stream.StreamErrorCondition;
import io.fedgate.xmpp.stream.StreamEvent;
import io.fedgate.xmpp.stream.StreamLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AsyncStreamParserTest {
  static final String HEADER =
      "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
          + " xmlns:stream='http://etherx.jabber.org/streams' to='local.test' version='1.0'>";
  static final StreamLimits LIMITS = new StreamLimits(10_000, 1000, 8, Duration.ofMinutes(1));

  static List<StreamEvent> feedInPieces(String xml, int piece) {
    AsyncStreamParser parser = new AsyncStreamParser(LIMITS, Namespaces.CLIENT);
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    List<StreamEvent> events = new ArrayList<>();
    for (int i = 0; i < bytes.length; i += piece) {
      events.addAll(parser.feed(bytes, i, Math.min(piece, bytes.length - i)));
    }
    return events;
  }

  static StreamErrorCondition failure(List<StreamEvent> events) {
    assertThat(events).last().isInstanceOf(StreamEvent.Failed.class);
    return ((StreamEvent.Failed) events.get(events.size() - 1)).error().condition();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 64, 100_000})
  void headerStanzasAndCloseInAnyPieces(int piece) {
    String xml =
        HEADER
            + " \n <message to='b@local.test' type='chat'><body>h&amp;i &#x263A;</body></message>"
            + "<iq type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq>  </stream:stream>";
    List<StreamEvent> events = feedInPieces(xml, piece);
    assertThat(events).hasSize(4);
    var opened = (StreamEvent.Opened) events.get(0);
    assertThat(opened.header().to()).contains("local.test");
    var message = ((StreamEvent.Element) events.get(1)).element();
    assertThat(message.namespace()).isEqualTo(Namespaces.CLIENT);
    assertThat(message.attribute("to")).contains("b@local.test");
    assertThat(message.child(Namespaces.CLIENT, "body").orElseThrow().text()).isEqualTo("h&i ☺");
    var iq = ((StreamEvent.Element) events.get(2)).element();
    assertThat(iq.child(Namespaces.PING, "ping")).isPresent();
    assertThat(events.get(3)).isInstanceOf(StreamEvent.Closed.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "<!DOCTYPE foo [<!ENTITY x 'y'>]><stream:stream/>|RESTRICTED_XML",
        "HEADER<message><body>&xxe;</body></message>|RESTRICTED_XML",
        "HEADER<?foo bar?>|RESTRICTED_XML",
        "HEADER<!-- hi -->|RESTRICTED_XML",
        "HEADER<message><body></message>|NOT_WELL_FORMED",
        "HEADER<message a='1' a='2'/>|NOT_WELL_FORMED",
        "HEADER<x:message/>|BAD_NAMESPACE_PREFIX",
        "HEADERhello|BAD_FORMAT",
        "<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
            + " version='1.0'>|INVALID_NAMESPACE",
        "<stream:stream xmlns='jabber:client' xmlns:stream='urn:wrong' version='1.0'>"
            + "|INVALID_NAMESPACE",
        "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"
            + "|UNSUPPORTED_VERSION",
        "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " version='0.9'>|UNSUPPORTED_VERSION",
      })
  void badInputEndsWithTheRfc6120Condition(String input, StreamErrorCondition expected) {
    String xml = input.replace("HEADER", HEADER);
    for (int piece : new int[] {1, 5, 4096}) {
      assertThat(failure(feedInPieces(xml, piece))).as("piece %d", piece).isEqualTo(expected);
    }
  }

  @Test
  void oversizeStanzaIsAPolicyViolationEvenWhenIncomplete() {
    String big = HEADER + "<message><body>" + "x".repeat(20_000);
    assertThat(failure(feedInPieces(big, 1000))).isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
    assertThat(failure(feedInPieces(big + "</body></message>", 50_000)))
        .isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
  }

  @Test
  void oversizeOpenTagIsAPolicyViolation() {
    String big = HEADER + "<message to='" + "y".repeat(20_000);
    assertThat(failure(feedInPieces(big, 512))).isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
  }

  @Test
  void manySmallStanzasTogetherExceedingTheLimitAreFine() {
    String xml = HEADER + "<presence/>".repeat(5_000);
    List<StreamEvent> events = feedInPieces(xml, 60_000);
    assertThat(events).hasSize(5_001).allMatch(e -> !(e instanceof StreamEvent.Failed));
  }

  @Test
  void longAttributeAndDeepNestingArePolicyViolations() {
    assertThat(failure(feedInPieces(HEADER + "<message id='" + "a".repeat(1001) + "'/>", 100)))
        .isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
    assertThat(failure(feedInPieces(HEADER + "<a>".repeat(10), 3)))
        .isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
  }

  @Test
  void nothingAfterAFailure() {
    AsyncStreamParser parser = new AsyncStreamParser(LIMITS, Namespaces.CLIENT);
    byte[] bad = (HEADER + "<!-- c -->").getBytes(StandardCharsets.UTF_8);
    assertThat(parser.feed(bad, 0, bad.length)).last().isInstanceOf(StreamEvent.Failed.class);
    byte[] more = "<presence/>".getBytes(StandardCharsets.UTF_8);
    assertThat(parser.feed(more, 0, more.length)).isEmpty();
  }
}
