package io.fedgate.sip.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.SipMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden-file translation tests: each folder under {@code src/test/resources/golden/} is one case,
 * {@code in.sip} -> {@code expected.xml} or {@code in.xml} -> {@code expected.sip}. The folder name
 * up to the first {@code -} picks the translation; {@code case.properties} holds its arguments. An
 * expected {@code <refused status='…' condition='…' code='…'/>} or {@code <ignored/>} asserts a
 * refusal or that nothing is sent.
 */
class GoldenTranslationTest {

  static Stream<String> cases() throws IOException, URISyntaxException {
    Path root = Path.of(GoldenTranslationTest.class.getResource("/golden").toURI());
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void thereAreGoldenCases() throws Exception {
    assertThat(cases().count()).isGreaterThan(40);
  }

  /** RFC 5627: the sender's instance (GRUU) goes in the Contact; the From is his address. */
  @Test
  void aPageMessageCarriesTheSendersResourceAsGruuInTheContactNotInTheFrom() {
    SipMessage page =
        ImTranslator.toPageMessage(
                GoldenFiles.xml(
                    ("<message xmlns='jabber:client' from='bob@local.test/desk'"
                            + " to='alice@example.com'><body>hi</body></message>")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .asOptional()
            .orElseThrow();

    assertThat(page.header("From")).contains("<sip:bob@local.test>");
    assertThat(page.header("Contact")).contains("<sip:bob@local.test;gr=desk>");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void translatesAsTheGoldenFileSays(String name) throws Exception {
    Properties args = new Properties();
    byte[] props = read(name, "case.properties");
    if (props != null) {
      args.load(new StringReader(new String(props, java.nio.charset.StandardCharsets.UTF_8)));
    }
    String kind = name.substring(0, name.indexOf('-'));
    byte[] inSip = read(name, "in.sip");
    Translation<?> result =
        inSip != null
            ? fromSip(kind, GoldenFiles.sip(inSip))
            : fromXmpp(kind, GoldenFiles.xml(read(name, "in.xml")), args);

    byte[] expectedXml = read(name, "expected.xml");
    if (expectedXml != null) {
      XmlElement expected = GoldenFiles.xml(expectedXml);
      if (expected.name().equals("refused") || expected.name().equals("ignored")) {
        assertOutcome(result, expected);
        return;
      }
      assertThat(result).as("translation of " + name).isInstanceOf(Translation.Ok.class);
      XmlElement actual = GoldenFiles.trim((XmlElement) result.asOptional().orElseThrow());
      assertThat(GoldenFiles.canonicalOrder(actual).toXml())
          .isEqualTo(GoldenFiles.canonicalOrder(expected).toXml());
      return;
    }
    SipMessage expected = GoldenFiles.sip(read(name, "expected.sip"));
    assertThat(result).as("translation of " + name).isInstanceOf(Translation.Ok.class);
    SipMessage actual = (SipMessage) result.asOptional().orElseThrow();
    // Call-ID is compared when the expected file sets one, unless it is the dialog's
    // (case.properties dialogCallId=true: the stack fills it from the subscription or session)
    boolean keepCallId =
        !expected
                .header("call-id")
                .orElse(GoldenFiles.PLACEHOLDER_CALL_ID)
                .equals(GoldenFiles.PLACEHOLDER_CALL_ID)
            && !Boolean.parseBoolean(args.getProperty("dialogCallId", "false"));
    assertThat(GoldenFiles.normalise(actual, keepCallId))
        .isEqualTo(GoldenFiles.normalise(expected, keepCallId));
    Object actualBody = GoldenFiles.body(actual);
    Object expectedBody = GoldenFiles.body(expected);
    if (actualBody instanceof XmlElement a && expectedBody instanceof XmlElement e) {
      assertThat(a.toXml()).isEqualTo(e.toXml());
    } else {
      assertThat(actualBody).isEqualTo(expectedBody);
    }
  }

  private static void assertOutcome(Translation<?> result, XmlElement expected) {
    if (expected.name().equals("ignored")) {
      assertThat(result).isInstanceOf(Translation.Ignored.class);
      return;
    }
    assertThat(result).isInstanceOf(Translation.Refused.class);
    Translation.Refused<?> refused = (Translation.Refused<?>) result;
    assertThat(refused.sipStatus())
        .isEqualTo(Integer.parseInt(expected.attribute("status").orElseThrow()));
    assertThat(refused.condition().elementName())
        .isEqualTo(expected.attribute("condition").orElseThrow());
    assertThat(refused.reasonCode()).isEqualTo(expected.attribute("code").orElseThrow());
    expected
        .attribute("header")
        .ifPresent(h -> assertThat(refused.headers().stream().map(Object::toString)).contains(h));
  }

  private static Translation<?> fromSip(String kind, SipMessage in) {
    return switch (kind) {
      case "page" -> ImTranslator.pageMessageToXmpp(in);
      case "session" -> ImTranslator.sessionMessageToXmpp(in);
      case "invite" -> ImTranslator.inviteToXmpp(in);
      case "typing" -> ImTranslator.typingToXmpp(in);
      case "bye" -> ImTranslator.byeToXmpp(in);
      case "subscribe" -> PresenceTranslator.subscribeToXmpp(in);
      case "notify" -> PresenceTranslator.notifyToXmpp(in);
      default -> throw new IllegalArgumentException("unknown SIP case kind " + kind);
    };
  }

  private static Translation<?> fromXmpp(String kind, XmlElement in, Properties args) {
    return switch (kind) {
      case "page" -> ImTranslator.toPageMessage(in);
      case "invite" ->
          ImTranslator.toSessionInvite(
              in,
              new SessionOffer(
                  args.getProperty("address", "198.51.100.20"),
                  Integer.parseInt(args.getProperty("port", "5061"))));
      case "session" ->
          ImTranslator.toSessionRequest(
              in, TypingDialect.valueOf(args.getProperty("dialect", "LYNC_INFO")));
      case "notify" ->
          PresenceTranslator.toNotify(
              in, SubscriptionState.parse(args.getProperty("state", "active;expires=3600")));
      case "subscribe" -> PresenceTranslator.toSubscribe(in);
      case "auth" ->
          PresenceTranslator.authorizationToNotify(
              in, Long.parseLong(args.getProperty("expires", "3600")));
      default -> throw new IllegalArgumentException("unknown XMPP case kind " + kind);
    };
  }

  private static byte[] read(String name, String file) throws IOException {
    try (InputStream in =
        GoldenTranslationTest.class.getResourceAsStream("/golden/" + name + "/" + file)) {
      return in == null ? null : in.readAllBytes();
    }
  }
}
