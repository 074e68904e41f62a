package io.fedgate.xmpp.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamManagementTest {

  private static XmlElement message(String id) {
    return new XmlElement(Namespaces.CLIENT, "message", Map.of("id", id), List.of());
  }

  @Test
  void acknowledgementsForgetTheOldestFirst() {
    StreamManagement sm = new StreamManagement(Optional.of("id"));
    sm.sent(message("1"));
    sm.sent(message("2"));
    sm.sent(message("3"));
    assertThat(sm.acknowledge(2)).isTrue();
    assertThat(sm.unacked()).containsExactly(message("3"));
    assertThat(sm.acknowledge(2)).isTrue(); // a repeated 'h' changes nothing
    assertThat(sm.unackedCount()).isEqualTo(1);
    assertThat(sm.drain()).containsExactly(message("3"));
    assertThat(sm.unackedCount()).isZero();
  }

  @Test
  void anAcknowledgementOfMoreThanWasSentIsRefused() {
    StreamManagement sm = new StreamManagement(Optional.empty());
    sm.sent(message("1"));
    assertThat(sm.acknowledge(2)).isFalse();
    assertThat(sm.unackedCount()).isEqualTo(1);
  }

  @Test
  void countersWrapAt2To32() {
    StreamManagement sm = new StreamManagement(Optional.empty());
    for (int i = 0; i < 3; i++) {
      sm.sent(message(String.valueOf(i)));
    }
    // pretend 2^32 - 1 were acknowledged before: the next ones wrap to 0 and 1
    StreamManagement wrapped = new StreamManagement(Optional.empty());
    wrapped.sent(message("x"));
    assertThat(wrapped.acknowledge(1)).isTrue();
    assertThat(StreamManagement.parseH(attr("4294967295"))).hasValue(4294967295L);
    assertThat(StreamManagement.parseH(attr("4294967296"))).isEmpty();
    assertThat(StreamManagement.parseH(attr("x"))).isEmpty();
    for (long i = 0; i < 3; i++) {
      sm.handledOne();
    }
    assertThat(sm.handled()).isEqualTo(3);
  }

  private static XmlElement attr(String h) {
    return new XmlElement(StreamManagement.NAMESPACE, "a", Map.of("h", h), List.of());
  }
}
