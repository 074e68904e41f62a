package io.fedgate.xmpp.netty;

import static io.fedgate.xmpp.netty.RawXmppClient.HEADER;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fedgate.xmpp.stream.StreamLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jxmpp.jid.impl.JidCreate;

/** Hostile input on a real socket ends in the right stream error; a normal client still works. */
class C2sBadInputIT {
  static C2sFixture server;

  @BeforeAll
  static void start() throws Exception {
    server = new C2sFixture();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void aNormalClientStillLogsIn() throws Exception {
    XMPPTCPConnection alice = server.client("alice", "alice-secret", "after");
    try {
      alice.connect().login();
      assertThat(alice.isAuthenticated()).isTrue();
    } finally {
      alice.disconnect();
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>]><lolz>&lol;</lolz>"
            + "|restricted-xml",
        "HEADER<message><body>&xxe;</body></message>|restricted-xml",
        "HEADER<message><body></presence>|not-well-formed",
        "HEADER<message to='bob@local.test'><body>hi</body></message>|not-authorized",
        "<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
            + " to='local.test' version='1.0'>|invalid-namespace",
      })
  void badInputGetsTheStreamErrorAndTheConnectionCloses(String input, String condition)
      throws Exception {
    try (RawXmppClient raw = RawXmppClient.plain(server.startTlsAddress)) {
      String answer = raw.send(input.replace("HEADER", HEADER)).readToEnd();
      assertThat(answer).contains("<stream:error><" + condition + " ").endsWith("</stream:stream>");
    }
  }

  @Test
  void silentConnectionIsClosedWithConnectionTimeout() throws Exception {
    StreamLimits quick = new StreamLimits(65_536, 8192, 32, Duration.ofMillis(300));
    try (C2sFixture impatient = new C2sFixture(quick);
        RawXmppClient raw = RawXmppClient.plain(impatient.startTlsAddress)) {
      raw.send(HEADER).readUntil("</stream:features>");
      assertThat(raw.readToEnd()).contains("<stream:error><connection-timeout ");
    }
  }

  @Test
  void aTenMegabyteStanzaAfterLoginEndsOnlyThatStream() throws Exception {
    XMPPTCPConnection alice = server.client("alice", "alice-secret", "big-a");
    XMPPTCPConnection bob = server.client("bob", "bob-secret", "big-b");
    List<String> atBob = new CopyOnWriteArrayList<>();
    bob.addSyncStanzaListener(s -> atBob.add(((Message) s).getBody()), StanzaTypeFilter.MESSAGE);
    alice.connect().login();
    bob.connect().login();
    try (RawXmppClient raw = RawXmppClient.loggedIn(server, "carol", "big")) {
      Thread writer =
          new Thread(
              () -> {
                byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                try {
                  raw.output().write("<message to='bob@local.test/big-b'><body>".getBytes(UTF_8));
                  for (int i = 0; i < 160; i++) { // 10 MiB
                    raw.output().write(chunk);
                  }
                } catch (IOException e) {
                  // the server closed the stream long before the end: expected
                }
              });
      writer.start();
      assertThat(raw.readToCloseOrReset())
          .contains("<stream:error><policy-violation ")
          .endsWith("</stream:stream>");
      writer.join(10_000);
    }
    // the other sessions are untouched, nothing of the big stanza reached bob
    alice.sendStanza(
        alice
            .getStanzaFactory()
            .buildMessageStanza()
            .to(JidCreate.from("bob@local.test/big-b"))
            .setBody("still here")
            .build());
    await().atMost(Duration.ofSeconds(10)).until(() -> atBob.contains("still here"));
    assertThat(atBob).containsExactly("still here");
    alice.disconnect();
    bob.disconnect();
  }

  @Test
  void aSpoofedFromEndsTheSpoofersStreamWithInvalidFromAndReachesNobody() throws Exception {
    XMPPTCPConnection bob = server.client("bob", "bob-secret", "spoofed");
    List<String> atBob = new CopyOnWriteArrayList<>();
    bob.addSyncStanzaListener(s -> atBob.add(((Message) s).getBody()), StanzaTypeFilter.MESSAGE);
    bob.connect().login();
    try (RawXmppClient raw = RawXmppClient.loggedIn(server, "carol", "spoofer")) {
      raw.send(
          "<message from='alice@local.test/laptop' to='bob@local.test/spoofed' type='chat'>"
              + "<body>from alice, honest</body></message>");
      assertThat(raw.readToCloseOrReset())
          .contains("<stream:error><invalid-from ")
          .endsWith("</stream:stream>");
    }
    XMPPTCPConnection alice = server.client("alice", "alice-secret", "spoof-check");
    alice.connect().login();
    alice.sendStanza(
        alice
            .getStanzaFactory()
            .buildMessageStanza()
            .to(JidCreate.from("bob@local.test/spoofed"))
            .setBody("really alice")
            .build());
    await().atMost(Duration.ofSeconds(10)).until(() -> atBob.contains("really alice"));
    assertThat(atBob).containsExactly("really alice");
    alice.disconnect();
    bob.disconnect();
  }

  @Test
  void oversizeStanzaIsAPolicyViolation() throws Exception {
    try (RawXmppClient raw = RawXmppClient.plain(server.startTlsAddress)) {
      raw.send(HEADER).readUntil("</stream:features>");
      raw.send("<message><body>" + "x".repeat(64 * 1024 + 10));
      assertThat(raw.readToEnd()).contains("<stream:error><policy-violation ");
    }
  }
}
