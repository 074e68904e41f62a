package io.fedgate.xmpp.netty;

import static io.fedgate.xmpp.netty.RawXmppClient.HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fedgate.xmpp.sasl.ScramAlgorithm;
import io.fedgate.xmpp.sasl.ScramTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * XEP-0368 direct TLS and SCRAM-SHA-256 end to end (Smack 4.4 has neither): a hand-written client
 * logs in on the direct-TLS port and its message reaches a Smack client.
 */
class C2sDirectTlsIT {
  static final Pattern CHALLENGE = Pattern.compile("<challenge[^>]*>([^<]*)</challenge>");
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
  void scramSha256OverDirectTlsThenAMessageToASmackClient() throws Exception {
    XMPPTCPConnection bob = server.client("bob", "bob-secret", "phone");
    List<Message> received = new CopyOnWriteArrayList<>();
    bob.addAsyncStanzaListener(s -> received.add((Message) s), StanzaTypeFilter.MESSAGE);
    bob.connect().login();
    try (RawXmppClient raw = RawXmppClient.directTls(server.directTlsAddress, server.tls.client)) {
      String features = raw.send(HEADER).readUntil("</stream:features>");
      assertThat(features)
          .contains("<mechanism>SCRAM-SHA-256</mechanism>")
          .doesNotContain("starttls");

      ScramTestClient scram =
          new ScramTestClient(ScramAlgorithm.SHA_256, "alice", "alice-secret", "rawn0nce");
      String challenge =
          raw.send(sasl("auth mechanism='SCRAM-SHA-256'", scram.first())).readUntil("</challenge>");
      Matcher m = CHALLENGE.matcher(challenge);
      assertThat(m.find()).isTrue();
      byte[] serverFirst = Base64.getDecoder().decode(m.group(1));
      String success =
          raw.send(sasl("response", scram.finalMessage(serverFirst))).readUntil("</success>");
      String expected =
          Base64.getEncoder()
              .encodeToString(scram.expectedServerFinal().getBytes(StandardCharsets.UTF_8));
      assertThat(success).contains(expected);

      raw.send(HEADER).readUntil("</stream:features>");
      String bound =
          raw.send(
                  "<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                      + "<resource>raw</resource></bind></iq>")
              .readUntil("</iq>");
      assertThat(bound).contains("<jid>alice@local.test/raw</jid>");
      raw.send(
          "<message to='bob@local.test/phone' type='chat'><body>over direct TLS</body></message>");

      await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
      assertThat(received.get(0).getBody()).isEqualTo("over direct TLS");
      assertThat(received.get(0).getFrom().toString()).isEqualTo("alice@local.test/raw");
    } finally {
      bob.disconnect();
    }
  }

  private static String sasl(String open, byte[] data) {
    String name = open.split(" ")[0];
    return "<"
        + open
        + " xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
        + Base64.getEncoder().encodeToString(data)
        + "</"
        + name
        + ">";
  }
}
