package io.fedgate.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 49 RFC 4475 torture messages, read from {@code ../shared/reference/rfc4475} (not copied into
 * the repository; skipped when that folder is absent). Every message is parsed or rejected with a
 * status and a reason, never an exception; the §3.1.1 valid messages parse and the §3.1.2 invalid
 * ones that a parser can detect are rejected.
 */
class Rfc4475TortureTest {
  /** RFC 4475 §3.1.1: valid messages a parser must accept. */
  static final Set<String> VALID =
      Set.of(
          "wsinv",
          "intmeth",
          "esc01",
          "escnull",
          "esc02",
          "lwsdisp",
          "longreq",
          "dblreq",
          "semiuri",
          "transports",
          "mpart01",
          "unreason",
          "noreason");

  /** RFC 4475 §3.1.2: invalid messages; all are syntax errors a parser rejects. */
  static final Set<String> INVALID =
      Set.of(
          "badinv01",
          "clerr",
          "ncl",
          "scalar02",
          "scalarlg",
          "quotbal",
          "ltgtruri",
          "lwsruri",
          "lwsstart",
          "trws",
          "escruri",
          "baddate",
          "regbadct",
          "badaspec",
          "baddn",
          "badvers",
          "mismatch01",
          "mismatch02",
          "bigcode");

  static Optional<Path> corpus() {
    Path dir = Path.of("").toAbsolutePath();
    for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/reference/rfc4475").normalize();
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static Stream<Path> messages() throws IOException {
    Optional<Path> dir = corpus();
    if (dir.isEmpty()) {
      return Stream.empty();
    }
    try (Stream<Path> files = Files.list(dir.get())) {
      return files.filter(p -> p.toString().endsWith(".dat")).sorted().toList().stream();
    }
  }

  @Test
  void theCorpusHas49MessagesWhenPresent() throws IOException {
    assumeTrue(corpus().isPresent(), "../shared/reference/rfc4475 is not present");
    assertThat(messages().count()).isEqualTo(49);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void everyMessageIsParsedOrRejectedWithAReason(Path file) throws IOException {
    String name = file.getFileName().toString().replace(".dat", "");
    SipParse result = SipMessages.parse(Files.readAllBytes(file));

    if (result instanceof SipParse.Rejected rejected) {
      assertThat(rejected.status()).isIn(400, 413, 505);
      assertThat(rejected.reason()).isNotBlank();
    }
    if (VALID.contains(name)) {
      assertThat(result)
          .as(name + " is valid (RFC 4475 §3.1.1)")
          .isInstanceOf(SipParse.Parsed.class);
    }
    if (INVALID.contains(name)) {
      assertThat(result)
          .as(name + " is invalid (RFC 4475 §3.1.2)")
          .isInstanceOf(SipParse.Rejected.class);
    }
    if (name.equals("badvers")) {
      assertThat(((SipParse.Rejected) result).status()).isEqualTo(505);
    }
  }

  @Test
  void validMessagesSurviveASerializeParseRoundTrip() throws IOException {
    List<Path> files = messages().toList();
    assumeTrue(!files.isEmpty(), "../shared/reference/rfc4475 is not present");
    for (Path file : files) {
      Optional<SipMessage> parsed = SipMessages.parse(Files.readAllBytes(file)).message();
      if (parsed.isPresent()) {
        SipMessage again =
            SipMessages.parse(SipMessages.serialize(parsed.get())).message().orElseThrow();
        assertThat(again.startLine()).isEqualTo(parsed.get().startLine());
        assertThat(again.body()).isEqualTo(parsed.get().body());
      }
    }
  }
}
