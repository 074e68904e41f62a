package io.fedgate.sip.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.SipMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Bad input never throws out of a translator: every golden SIP input with its body truncated, bytes
 * flipped (seeded) and relabelled with every content type the translators read, through every SIP
 * -> XMPP function; malformed stanzas through every XMPP -> SIP function. Each call returns a
 * {@link Translation}.
 */
class TranslatorRobustnessTest {
  private static final List<String> TYPES =
      List.of(
          "text/plain; charset=UTF-8",
          "text/plain; charset=no-such-charset",
          "text/html",
          "text/rtf",
          "multipart/alternative; boundary=b1",
          "multipart/alternative",
          "multipart/related; boundary=rl1",
          "application/pidf+xml",
          "application/msrtc-event-categories+xml",
          "application/xml",
          "application/im-iscomposing+xml",
          "application/sdp");

  private static final List<Function<SipMessage, Translation<?>>> FROM_SIP =
      List.of(
          ImTranslator::pageMessageToXmpp,
          ImTranslator::sessionMessageToXmpp,
          ImTranslator::inviteToXmpp,
          ImTranslator::typingToXmpp,
          ImTranslator::byeToXmpp,
          PresenceTranslator::subscribeToXmpp,
          PresenceTranslator::notifyToXmpp);

  static Stream<SipMessage> goldenSipInputs() throws Exception {
    Path root = Path.of(TranslatorRobustnessTest.class.getResource("/golden").toURI());
    List<SipMessage> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.sorted().toList()) {
        Path in = dir.resolve("in.sip");
        if (Files.exists(in)) {
          out.add(GoldenFiles.sip(Files.readAllBytes(in)));
        }
      }
    }
    return out.stream();
  }

  @Test
  void mutatedSipInputsNeverThrow() throws Exception {
    Random random = new Random(4475);
    List<String> failures = new ArrayList<>();
    int calls = 0;
    for (SipMessage original : goldenSipInputs().toList()) {
      byte[] body = original.body();
      List<byte[]> bodies = new ArrayList<>();
      bodies.add(body);
      for (int cut : new int[] {0, body.length / 2, Math.max(0, body.length - 1)}) {
        bodies.add(java.util.Arrays.copyOf(body, Math.min(cut, body.length)));
      }
      for (int n = 0; n < 2 && body.length > 0; n++) {
        byte[] flipped = body.clone();
        for (int k = 0; k < 3; k++) {
          flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
        }
        bodies.add(flipped);
      }
      for (byte[] b : bodies) {
        // the body under its own type and three others drawn from TYPES
        List<String> types = new ArrayList<>();
        original.header("content-type").ifPresent(types::add);
        for (int k = 0; k < 3; k++) {
          types.add(TYPES.get(random.nextInt(TYPES.size())));
        }
        for (String type : types) {
          SipMessage mutated = original.withBody(type, b);
          for (Function<SipMessage, Translation<?>> f : FROM_SIP) {
            try {
              if (f.apply(mutated) == null) {
                failures.add(original + " as " + type + ": null");
              }
            } catch (RuntimeException e) {
              failures.add(original + " as " + type + ": " + e);
            }
            calls++;
          }
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(calls).isGreaterThan(5_000);
  }

  @Test
  void hostileBodiesAreHandled() {
    String[] bodies = {
      "<script>".repeat(20_000),
      "<".repeat(50_000),
      "{\\rtf1 " + "{".repeat(20_000) + "\\'zz\\u-\\u99999999999\\uc99999999999 x",
      "\\'",
      "--b1\r\nContent-Type: multipart/alternative; boundary=b1\r\n\r\n--b1--",
      "<?xml version='1.0'?><!DOCTYPE a [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><a>&x;</a>",
      "<a>" + "<b>".repeat(1000) + "</a>"
    };
    SipMessage base =
        GoldenFiles.sip(
            ("MESSAGE sip:bob@local.test SIP/2.0\nVia: SIP/2.0/TLS 203.0.113.10;branch=z9hG4bKx\n"
                    + "From: <sip:alice@example.com>;tag=1\nTo: <sip:bob@local.test>\nCall-ID: h\n"
                    + "CSeq: 1 MESSAGE\n\n")
                .getBytes(StandardCharsets.UTF_8));
    for (String body : bodies) {
      for (String type : TYPES) {
        SipMessage m = base.withBody(type, body.getBytes(StandardCharsets.UTF_8));
        for (Function<SipMessage, Translation<?>> f : FROM_SIP) {
          assertThatCode(() -> f.apply(m)).doesNotThrowAnyException();
        }
      }
    }
    assertThat(ImText.read("text/html", "<script>".repeat(20_000).getBytes(StandardCharsets.UTF_8)))
        .hasValueSatisfying(t -> assertThat(t.plain()).isEmpty());
  }

  @Test
  void malformedStanzasNeverThrow() {
    String[] stanzas = {
      "<message xmlns='jabber:client'><body>no addresses</body></message>",
      "<message xmlns='jabber:client' from='@bad' to='alice@example.com'><body>x</body></message>",
      "<message xmlns='jabber:client' from='bob@local.test' to='alice@[::1]'><body>x</body></message>",
      "<message xmlns='jabber:client' from='bob@local.test' to='alice@example.com'><thread>a b c</thread></message>",
      "<presence xmlns='jabber:client' from='bob@local.test' to='alice@example.com' type='weird'/>",
      "<presence xmlns='jabber:client' from='bob@local.test/r' to='alice@example.com'><priority>9999999999</priority><show>sleeping</show></presence>",
      "<presence xmlns='jabber:client'/>",
      "<iq xmlns='jabber:client' from='bob@local.test' to='alice@example.com' type='get'/>"
    };
    for (String text : stanzas) {
      XmlElement stanza = XmlBodies.parse(text.getBytes(StandardCharsets.UTF_8)).orElseThrow();
      assertThatCode(
              () -> {
                ImTranslator.toPageMessage(stanza);
                ImTranslator.toSessionInvite(stanza, new SessionOffer("198.51.100.20", 5061));
                ImTranslator.toSessionRequest(stanza, TypingDialect.LYNC_INFO);
                ImTranslator.toSessionRequest(stanza, TypingDialect.RFC_3994);
                PresenceTranslator.toNotify(stanza, SubscriptionState.active(60));
                PresenceTranslator.toSubscribe(stanza);
                PresenceTranslator.authorizationToNotify(stanza, 60);
              })
          .as(text)
          .doesNotThrowAnyException();
    }
  }
}
