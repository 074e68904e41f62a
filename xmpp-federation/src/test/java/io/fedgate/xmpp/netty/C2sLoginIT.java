package io.fedgate.xmpp.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** Real Smack 4.4 clients against the C2S listener on loopback: STARTTLS, SCRAM, bind, message. */
class C2sLoginIT {
  static C2sFixture server;

  @BeforeAll
  static void start() throws Exception {
    server = new C2sFixture();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aliceMessageReachesBobOverStartTlsAndScram() throws Exception {
    XMPPTCPConnection alice = server.client("alice", "alice-secret", "laptop");
    XMPPTCPConnection bob = server.client("bob", "bob-secret", "phone");
    try {
      alice.connect().login();
      bob.connect().login();
      assertThat(alice.isSecureConnection()).isTrue();
      assertThat(alice.getUser().toString()).isEqualTo("alice@local.test/laptop");
      List<Message> received = new CopyOnWriteArrayList<>();
      bob.addAsyncStanzaListener(s -> received.add((Message) s), StanzaTypeFilter.MESSAGE);

      alice.sendStanza(
          alice
              .getStanzaFactory()
              .buildMessageStanza()
              .to(JidCreate.entityBareFrom("bob@local.test"))
              .ofType(Message.Type.chat)
              .setBody("hello bob")
              .build());

      await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
      assertThat(received.get(0).getBody()).isEqualTo("hello bob");
      assertThat(received.get(0).getFrom().toString()).isEqualTo("alice@local.test/laptop");
    } finally {
      alice.disconnect();
      bob.disconnect();
    }
  }

  @Test
  void wrongPasswordFailsWithNotAuthorized() throws Exception {
    XMPPTCPConnection mallory = server.client("carol", "not-her-password", "x");
    try {
      mallory.connect();
      assertThatThrownBy(mallory::login)
          .isInstanceOf(SASLErrorException.class)
          .hasMessageContaining("not-authorized");
    } finally {
      mallory.disconnect();
    }
  }

  @Test
  void sameResourceAgainReplacesTheOldSessionWithConflict() throws Exception {
    XMPPTCPConnection first = server.client("carol", "carol-secret", "desk");
    XMPPTCPConnection second = server.client("carol", "carol-secret", "desk");
    try {
      first.connect().login();
      second.connect().login();
      await().atMost(Duration.ofSeconds(10)).until(() -> !first.isConnected());
      assertThat(second.isAuthenticated()).isTrue();
      assertThat(second.getUser().toString()).isEqualTo("carol@local.test/desk");
    } finally {
      first.disconnect();
      second.disconnect();
    }
  }
}
