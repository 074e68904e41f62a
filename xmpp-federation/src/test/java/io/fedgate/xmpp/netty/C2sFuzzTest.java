package io.fedgate.xmpp.netty;

import static io.fedgate.xmpp.netty.EmbeddedC2s.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random, truncated and mutated stanzas, fed in random pieces: the connection either
 * stays open and silent or ends with a stream error, and no exception escapes the pipeline.
 */
class C2sFuzzTest {
  static final List<String> SEEDS =
      List.of(
          "<message to='bob@local.test' type='chat' id='m1'><body>hi &amp; bye</body></message>",
          "<presence><show>away</show><status>out</status><priority>5</priority></presence>",
          "<iq type='get' id='p'><ping xmlns='urn:xmpp:ping'/></iq>",
          "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>biws</auth>",
          "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>",
          "<a:b xmlns:a='urn:x'><c d='&#x10FFFF;'/></a:b>",
          "</stream:stream>");
  static final String NOISE = "<>&;'\"/=!?[]-x \u00e9\u263a\0\uFFFF";

  @Test
  void randomInputNeverEscapesAsAnException() {
    Random random = new Random(20261122L);
    for (int round = 0; round < 5000; round++) {
      String input = HEADER + mutate(random);
      EmbeddedC2s c2s = new EmbeddedC2s().feed(input, 1 + random.nextInt(40));
      String out = c2s.output();
      c2s.channel.checkException();
      if (!c2s.channel.isOpen()) {
        assertThat(out)
            .as("round %d: %s", round, input)
            .containsPattern("<stream:error>|</stream:stream>$");
      }
      assertThat(out).as("round %d: %s", round, input).doesNotContain("internal-server-error");
      c2s.channel.finishAndReleaseAll();
    }
  }

  private static String mutate(Random random) {
    StringBuilder sb = new StringBuilder();
    int stanzas = 1 + random.nextInt(4);
    for (int i = 0; i < stanzas; i++) {
      sb.append(SEEDS.get(random.nextInt(SEEDS.size())));
    }
    int edits = random.nextInt(6);
    for (int i = 0; i < edits && sb.length() > 0; i++) {
      int at = random.nextInt(sb.length());
      switch (random.nextInt(3)) {
        case 0 -> sb.deleteCharAt(at);
        case 1 -> sb.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
        default -> sb.setLength(at);
      }
    }
    return sb.toString();
  }
}
