package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with a second, independent client: Debian's {@code sendxmpp} (Perl Net::XMPP /
 * XML::Stream, installed by scripts/install-test-deps.sh) logs in over STARTTLS, verifying the
 * node's {@code cup-xmpp} certificate, and its message reaches a Smack user. Net::XMPP's SASL comes
 * from Authen::SASL::Perl, which has no SCRAM, so this node offers PLAIN (only ever over TLS,
 * {@code xmpp.c2s.allow-plain}).
 */
class SendxmppIT {
  @TempDir static Path temp;
  static TestNode node;
  static SmackClients clients;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(temp.resolve("data"));
    assertThat(node.local("utils", "param", "set", "xmpp.c2s.allow-plain", "true").exitCode())
        .isZero();
    assertThat(node.local("utils", "service", "restart", "XMPP Connection Manager").exitCode())
        .isZero();
    clients = SmackClients.of(node, temp);
  }

  @AfterAll
  static void stop() {
    clients.disconnectAll();
    node.close();
  }

  @Test
  void sendxmppOverStartTlsReachesASmackUser() throws Exception {
    XMPPTCPConnection bob = clients.login("bob", SubscribeAnswer.Deny);
    List<Message> received = new CopyOnWriteArrayList<>();
    bob.addSyncStanzaListener(s -> received.add((Message) s), StanzaTypeFilter.MESSAGE);
    String password = clients.password("alice");

    Process sendxmpp =
        new ProcessBuilder(
                "sendxmpp",
                "--tls",
                "--tls-ca-path",
                clients.certificate().toString(),
                "--jserver",
                "127.0.0.1:" + clients.port(),
                "--component",
                clients.domain(),
                "--username",
                "alice",
                "--password",
                password,
                "--resource",
                "sendxmpp",
                "--message-type",
                "chat",
                "bob@" + clients.domain())
            .redirectErrorStream(true)
            .redirectOutput(temp.resolve("sendxmpp.log").toFile())
            .start();
    try (OutputStream in = sendxmpp.getOutputStream()) {
      in.write("hello from sendxmpp".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(sendxmpp.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(sendxmpp.exitValue())
        .as(java.nio.file.Files.readString(temp.resolve("sendxmpp.log")))
        .isZero();

    await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
    assertThat(received.get(0).getBody()).isEqualTo("hello from sendxmpp");
    assertThat(received.get(0).getFrom().toString())
        .isEqualTo("alice@" + clients.domain() + "/sendxmpp");
  }
}
