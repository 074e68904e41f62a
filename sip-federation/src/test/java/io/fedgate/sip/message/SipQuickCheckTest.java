package io.fedgate.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quick pre-check may only say "clean" where the full parse gives none of the start-line and
 * From/To verdicts, and must say it for ordinary requests (else it saves nothing).
 */
class SipQuickCheckTest {
  private static final Set<String> START_AND_ADDRESS =
      Set.of("bad request line", "version not supported", "bad from", "bad to");

  private static final String MESSAGE =
      "MESSAGE sip:alice@example.com SIP/2.0\r\n"
          + "Via: SIP/2.0/TLS 192.0.2.1:5061;branch=z9hG4bK-1\r\n"
          + "Max-Forwards: 70\r\n"
          + "From: \"Bob Smith\" <sip:bob@partner.test>;tag=abc\r\n"
          + "To: <sip:alice@example.com>\r\n"
          + "Call-ID: 1@192.0.2.1\r\n"
          + "CSeq: 1 MESSAGE\r\n"
          + "Content-Type: text/plain\r\n"
          + "Content-Length: 5\r\n"
          + "\r\n"
          + "hello";

  private static boolean agreesWithTheFullParse(byte[] bytes) {
    if (!SipQuickCheck.plainStartAndAddresses(bytes)) {
      return true; // the caller runs the full parse: nothing to compare
    }
    SipParse full = SipMessages.parse(bytes);
    return !(full instanceof SipParse.Rejected rejected
        && START_AND_ADDRESS.contains(rejected.reason()));
  }

  @Test
  void anOrdinaryRequestIsCleanWithCrlfOrLfLineEndsAndCompactForms() {
    assertThat(SipQuickCheck.plainStartAndAddresses(bytes(MESSAGE))).isTrue();
    // JAIN-SIP hands the parser its header lines with bare LF and without the body
    String lf = MESSAGE.substring(0, MESSAGE.indexOf("\r\n\r\n") + 4).replace("\r\n", "\n");
    assertThat(SipQuickCheck.plainStartAndAddresses(bytes(lf))).isTrue();
    String compact = MESSAGE.replace("\r\nFrom:", "\r\nf:").replace("\r\nTo:", "\r\nT :");
    assertThat(SipQuickCheck.plainStartAndAddresses(bytes(compact))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "MESSAGE sip:alice@example.com SIP/7.0", // badvers
        "MESSAGE sip:alice@example.com SIP/2.0 ", // trws
        "MESSAGE  sip:alice@example.com SIP/2.0",
        "MESSAGE sip:alice@example.com",
        "MES<SAGE sip:alice@example.com SIP/2.0",
      })
  void aDoubtfulStartLineIsLeftToTheFullParse(String startLine) {
    String message = startLine + MESSAGE.substring(MESSAGE.indexOf("\r\n"));
    assertThat(SipQuickCheck.plainStartAndAddresses(bytes(message))).isFalse();
    assertThat(agreesWithTheFullParse(bytes(message))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "From: Bob, Smith <sip:bob@partner.test>;tag=abc", // baddn
        "From: <sip:bob@partner.test >;tag=abc", // badaspec
        "From: \"Bob <sip:bob@partner.test>;tag=abc",
        "From: <sip:bob@partner.test>;;tag=abc",
        "From: sip:bob@partner.test?x=y",
        "From: <sip:bob@partner.test>\r\nFrom: <sip:eve@partner.test>",
        "From: \"Bob\u00e9\" <sip:bob@partner.test>",
        "From: <sip:bob@partner.test>\r\n ;tag=folded",
        "X-Nothing: here",
      })
  void aDoubtfulFromIsLeftToTheFullParse(String fromLines) {
    String message =
        MESSAGE.replace("From: \"Bob Smith\" <sip:bob@partner.test>;tag=abc", fromLines);
    assertThat(SipQuickCheck.plainStartAndAddresses(bytes(message))).isFalse();
    assertThat(agreesWithTheFullParse(bytes(message))).isTrue();
  }

  @Test
  void responsesAndEmptyInputAreNotClaimedClean() {
    assertThat(SipQuickCheck.plainStartAndAddresses(bytes("SIP/2.0 200 OK\r\n\r\n"))).isFalse();
    assertThat(SipQuickCheck.plainStartAndAddresses(new byte[0])).isFalse();
    assertThat(SipQuickCheck.plainStartAndAddresses(bytes("\r\n\r\n"))).isFalse();
    String noEnd = MESSAGE.substring(0, MESSAGE.indexOf("\r\n\r\n"));
    assertThat(SipQuickCheck.plainStartAndAddresses(bytes(noEnd))).isFalse();
  }

  /** Every RFC 4475 message (when the corpus is present) and every golden SIP file. */
  static Stream<Path> corpus() throws IOException {
    List<Path> files = new ArrayList<>(Rfc4475TortureTest.messages().toList());
    Path golden = Path.of("src/test/resources/golden");
    if (Files.isDirectory(golden)) {
      try (Stream<Path> walk = Files.walk(golden)) {
        walk.filter(p -> p.toString().endsWith(".sip")).sorted().forEach(files::add);
      }
    }
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void neverClaimsCleanWhereTheFullParseRefusesTheStartLineOrAnAddress(Path file)
      throws IOException {
    byte[] raw = Files.readAllBytes(file);
    assertThat(agreesWithTheFullParse(raw)).isTrue();
    // also as JAIN-SIP hands it over: LF line ends
    String text = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
    assertThat(agreesWithTheFullParse(text.getBytes(StandardCharsets.ISO_8859_1))).isTrue();
  }

  @Test
  void theTortureCorpusDefectsTheListenerActsOnAreNeverClean() throws IOException {
    List<Path> files = Rfc4475TortureTest.messages().toList();
    assumeTrue(!files.isEmpty(), "../shared/reference/rfc4475 is not present");
    for (Path file : files) {
      String name = file.getFileName().toString().replace(".dat", "");
      if (Set.of("badvers", "trws", "baddn", "badaspec").contains(name)) {
        assertThat(SipQuickCheck.plainStartAndAddresses(Files.readAllBytes(file)))
            .as(name)
            .isFalse();
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
