package io.fedgate.xmpp.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.stream.StreamError;
import io.fedgate.xmpp.stream.StreamErrorCondition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalSessionsTest {
  static final class FakeSession implements ClientSession {
    final Jid jid;
    final List<StreamError> closedWith = new ArrayList<>();

    FakeSession(String jid) {
      this.jid = Jid.parse(jid).orElseThrow();
    }

    @Override
    public Jid jid() {
      return jid;
    }

    @Override
    public void deliver(XmlElement stanza) {}

    @Override
    public void close(StreamError error) {
      closedWith.add(error);
    }
  }

  final LocalSessions sessions = new LocalSessions();

  @Test
  void severalResourcesPerUser() {
    FakeSession phone = new FakeSession("alice@local.test/phone");
    FakeSession desk = new FakeSession("alice@local.test/desk");
    sessions.bind(phone);
    sessions.bind(desk);
    sessions.bind(new FakeSession("bob@local.test/phone"));
    assertThat(sessions.ofUser(Jid.parse("alice@local.test").orElseThrow()))
        .containsExactlyInAnyOrder(phone, desk);
    assertThat(sessions.find(phone.jid())).containsSame(phone);
    assertThat(phone.closedWith).isEmpty();
  }

  @Test
  void sameFullJidAgainClosesTheOldSessionWithConflict() {
    FakeSession old = new FakeSession("alice@local.test/phone");
    FakeSession replacement = new FakeSession("alice@local.test/phone");
    sessions.bind(old);
    sessions.bind(replacement);
    assertThat(old.closedWith)
        .extracting(StreamError::condition)
        .containsExactly(StreamErrorCondition.CONFLICT);
    sessions.unbind(old); // the old connection's close arrives later
    assertThat(sessions.find(replacement.jid())).containsSame(replacement);
    Jid alice = Jid.parse("alice@local.test").orElseThrow();
    assertThat(sessions.ofUser(alice)).containsExactly(replacement);
    sessions.unbind(replacement);
    assertThat(sessions.size()).isZero();
    assertThat(sessions.ofUser(alice)).isEmpty();
  }
}
