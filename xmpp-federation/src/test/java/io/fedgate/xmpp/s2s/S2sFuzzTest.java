package io.fedgate.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random, truncated and mutated S2S input through the real parser into both state machines, in
 * random pieces: nothing throws, and every stream that ends does so with a stream end (never an
 * internal error).
 */
class S2sFuzzTest {
  private static final List<String> PIECES =
      List.of(
          S2sWire.header("example.org", "local.test"),
          S2sWire.header(null, "local.test"),
          "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>",
          "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>ZXhhbXBsZS5vcmc=</auth>",
          "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>!!</auth>",
          "<db:result from='example.org' to='local.test'>abcd</db:result>",
          "<db:result from='example.org' to='local.test' type='valid'/>",
          "<db:verify from='example.org' to='local.test' id='x'>00</db:verify>",
          "<db:verify from='example.org' to='local.test' id='x' type='invalid'/>",
          "<message from='a@example.org' to='b@local.test'><body>x</body></message>",
          "<iq type='get' from='example.org' to='local.test' id='1'><ping xmlns='urn:xmpp:ping'/></iq>",
          "<presence/>",
          "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
              + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>EXTERNAL</mechanism>"
              + "</mechanisms></stream:features>",
          "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>",
          "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>",
          "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>",
          "</stream:stream>",
          "<!-- c -->",
          "&amp;",
          "<a:b xmlns:a='urn:x'/>",
          "\u0000\u00ff");

  @Test
  void randomInputNeverEscapesOrEndsWithAnInternalError() {
    Random random = new Random(20261122);
    for (int round = 0; round < 3_000; round++) {
      boolean outbound = round % 3 == 0;
      S2sWire wire = outbound ? outbound() : inbound();
      if (outbound) {
        wire.on(new S2sEvent.Connected(Optional.empty()));
      }
      StringBuilder input = new StringBuilder(PIECES.get(random.nextInt(2)));
      int count = random.nextInt(8);
      for (int i = 0; i < count; i++) {
        input.append(PIECES.get(random.nextInt(PIECES.size())));
      }
      byte[] bytes = mutate(input.toString().getBytes(StandardCharsets.UTF_8), random);
      int offset = 0;
      while (offset < bytes.length) {
        int n = Math.min(bytes.length - offset, 1 + random.nextInt(40));
        wire.peer(slice(bytes, offset, n));
        offset += n;
        if (random.nextInt(10) == 0) {
          wire.on(new S2sEvent.TlsEstablished(S2sWire.validFor("example.org")));
        }
      }
      wire.on(new S2sEvent.NegotiationTimeout());
      List<S2sAction.Send> sends = wire.all(S2sAction.Send.class);
      assertThat(sends).noneMatch(s -> s.xml().contains("internal-server-error"));
      if (wire.closed()) {
        assertThat(sends).isNotEmpty();
      }
    }
  }

  /** The wire takes text; the parser sees the UTF-8 bytes of it again, so pieces stay bytes. */
  private static String slice(byte[] bytes, int offset, int n) {
    return new String(bytes, offset, n, StandardCharsets.UTF_8);
  }

  private static byte[] mutate(byte[] bytes, Random random) {
    switch (random.nextInt(4)) {
      case 0 -> {
        return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
      }
      case 1 -> {
        for (int i = 0; i < 3 && bytes.length > 0; i++) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(128);
        }
        return bytes;
      }
      default -> {
        return bytes;
      }
    }
  }

  private static S2sWire inbound() {
    S2sInbound machine =
        new S2sInbound(
            S2sSettings.defaults("secret").withSecurityMode(SecurityMode.TLS_OPTIONAL),
            d -> Optional.empty(),
            Set.of("local.test"),
            Admission.allowAll(),
            "192.0.2.1",
            false,
            () -> "id");
    return new S2sWire(machine::on);
  }

  private static S2sWire outbound() {
    S2sOutbound machine =
        new S2sOutbound(
            S2sSettings.defaults("secret").withSecurityMode(SecurityMode.TLS_OPTIONAL),
            Optional.empty(),
            new DomainPair("local.test", "example.org"),
            Admission.allowAll(),
            List.of());
    return new S2sWire(machine::on);
  }
}
