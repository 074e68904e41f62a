package io.fedgate.sip.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.acl.incoming.AclEntry;
import io.fedgate.acl.incoming.IncomingAcl;
import io.fedgate.acl.policy.FederationPolicy;
import io.fedgate.acl.policy.PolicyDecider;
import io.fedgate.sip.jain.SipEndpoint;
import io.fedgate.sip.jain.SipEndpoint.Kind;
import io.fedgate.sip.jain.SipEndpoint.ListenerSpec;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flood throttle on a real listener (TCP on 127.0.0.77): one peer (127.0.0.75) sends far more
 * than its rate at once and gets 503 with Retry-After for the excess, while another peer
 * (127.0.0.76) is served at the same time.
 */
class PeerFloodIT {
  static final String GW = "127.0.0.77";
  static SipEndpoint gateway;
  static final List<String> handled = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    InboundGate gate =
        new InboundGate(
            () -> IncomingAcl.of(List.of(AclEntry.all("open"))),
            () -> PolicyDecider.of(FederationPolicy.allowAll()),
            d -> true,
            Optional.empty(),
            refusal -> {},
            Optional.of(new PeerFloodThrottle(() -> 5, System::nanoTime)));
    gateway =
        SipEndpoint.start(
            new SipEndpoint.Settings(
                "flood-" + UUID.randomUUID(),
                "gw.local.test",
                65_536,
                8_192,
                Duration.ofSeconds(3),
                List.of(new ListenerSpec(Kind.TCP, GW, 0))),
            Optional.empty(),
            gate,
            request -> {
              handled.add(request.peer().getAddress().getHostAddress());
              request.respond(Response.OK);
            });
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  static String message(String from, int n) {
    String body = "message " + n;
    return "MESSAGE sip:bob@local.test SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP "
        + from
        + ":5060;rport;branch=z9hG4bK"
        + UUID.randomUUID().toString().replace("-", "")
        + "\r\nMax-Forwards: 70\r\n"
        + "From: <sip:alice@partner.example>;tag=a"
        + n
        + "\r\nTo: <sip:bob@local.test>\r\nCall-ID: "
        + UUID.randomUUID()
        + "\r\nCSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\nContent-Length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }

  /**
   * Sends {@code count} MESSAGEs at once from {@code from} and reads the answers. The Via has
   * {@code rport}: without it, about one run in a dozen saw the second peer's new connection closed
   * before any answer (JAIN-SIP's response routing to the Via port is suspected; see the README).
   */
  static List<String> burst(String from, int count) throws Exception {
    int port =
        gateway.bound().stream().filter(b -> b.kind() == Kind.TCP).findFirst().orElseThrow().port();
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress(GW, port));
      socket.setSoTimeout(5_000);
      StringBuilder all = new StringBuilder();
      for (int i = 0; i < count; i++) {
        all.append(message(from, i));
      }
      socket.getOutputStream().write(all.toString().getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      List<String> answers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        answers.add(io.fedgate.sip.jain.SipEndpointIT.readResponse(in));
      }
      return answers;
    }
  }

  @Test
  void aFloodingPeerGets503WithRetryAfterWhileAnotherPeerIsServed() throws Exception {
    List<String> flood = burst("127.0.0.75", 60);

    List<String> refused = flood.stream().filter(a -> a.startsWith("SIP/2.0 503")).toList();
    assertThat(refused).as("the excess over 5/s (bursts of 10)").hasSizeGreaterThan(30);
    assertThat(refused)
        .allSatisfy(
            a ->
                assertThat(a)
                    .containsIgnoringCase("Retry-After: 1")
                    .contains("fedgate-code=\"flood.peer-rate\"")
                    .contains("52008"));
    assertThat(flood.stream().filter(a -> a.startsWith("SIP/2.0 200"))).hasSizeGreaterThan(0);

    List<String> other = burst("127.0.0.76", 5);
    assertThat(other).allSatisfy(a -> assertThat(a).startsWith("SIP/2.0 200"));
    assertThat(handled.stream().filter("127.0.0.76"::equals)).hasSize(5);
  }
}
