package io.fedgate.xmpp.netty;

import static io.fedgate.xmpp.netty.EmbeddedC2s.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class C2sPipelineTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "<?xml version='1.0'?><!DOCTYPE stream [<!ENTITY a 'b'>]>|restricted-xml|1",
        "HEADER<message><body>&a;</body></message>|restricted-xml|3",
        "HEADER<message><body></message>|not-well-formed|7",
        "HEADER<?php echo 1; ?>|restricted-xml|2",
        "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " to='local.test'>|unsupported-version|4",
        "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " to='other.test' version='1.0'>|host-unknown|9",
        "HEADER<message to='bob@local.test'><body>hi</body></message>|not-authorized|5",
      })
  void badInputEndsTheStreamWithTheCondition(String input, String condition, int piece) {
    EmbeddedC2s c2s = new EmbeddedC2s().feed(input.replace("HEADER", HEADER), piece);
    String out = c2s.output();
    assertThat(out).startsWith("<?xml version='1.0'?><stream:stream ");
    assertThat(out).contains("<stream:error><" + condition + " ").contains("<text ");
    assertThat(out).endsWith("</stream:error></stream:stream>");
    assertThat(c2s.channel.isOpen()).isFalse();
  }

  @Test
  void oversizeStanzaIsAPolicyViolation() {
    EmbeddedC2s c2s =
        new EmbeddedC2s().feed(HEADER + "<message><body>" + "x".repeat(10_000_000 / 1000), 1);
    c2s.feed("y".repeat(20_000), 4096);
    assertThat(c2s.output()).contains("<policy-violation ");
    assertThat(c2s.channel.isOpen()).isFalse();
  }

  @Test
  void whitespaceKeepAlivesAreAccepted() {
    EmbeddedC2s c2s = new EmbeddedC2s().feed(HEADER, 13);
    assertThat(c2s.output()).contains("<stream:features>");
    for (int i = 0; i < 100; i++) {
      c2s.feed(" \n\t ", 1);
    }
    assertThat(c2s.output()).isEmpty();
    assertThat(c2s.channel.isOpen()).isTrue();
  }

  @Test
  void idleConnectionGetsConnectionTimeout() {
    EmbeddedC2s c2s = new EmbeddedC2s().feed(HEADER, 100);
    c2s.output();
    c2s.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
    assertThat(c2s.output()).contains("<connection-timeout ").endsWith("</stream:stream>");
    assertThat(c2s.channel.isOpen()).isFalse();
  }
}
