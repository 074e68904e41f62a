package io.fedgate.sip.jain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.sip.gate.InboundGate;
import io.fedgate.sip.jain.SipEndpoint.Kind;
import io.fedgate.sip.jain.SipEndpoint.ListenerSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RFC 4475 torture messages, each on its own TCP connection to a real listener: invalid ones
 * never get a 2xx, nothing crashes the listener, and a well-formed MESSAGE is served afterwards.
 */
class TortureCorpusIT {
  static final Path CORPUS = Path.of("..", "..", "shared", "reference", "rfc4475");

  /**
   * RFC 4475 §3.1.2 messages that must not be accepted (all of them: {@code badvers}, {@code trws},
   * {@code baddn} and {@code badaspec}, which JAIN-SIP's parser tolerates, are caught on the raw
   * bytes by {@link StrictMessageParserFactory}).
   */
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
          "escruri",
          "baddate",
          "regbadct",
          "mismatch01",
          "mismatch02",
          "trws",
          "baddn",
          "badaspec",
          "badvers");

  /** The invalid messages only {@link StrictMessageParserFactory} catches. */
  static final Set<String> STRICT = Set.of("trws", "baddn", "badaspec", "badvers");

  static SipEndpoint gateway;
  static final List<String> delivered = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    gateway =
        SipEndpoint.start(
            new SipEndpoint.Settings(
                "torture-" + UUID.randomUUID(),
                "gw.local.test",
                65_536,
                8_192,
                Duration.ofSeconds(3),
                List.of(new ListenerSpec(Kind.TCP, "127.0.0.77", 0))),
            Optional.empty(),
            InboundGate.open(),
            request -> {
              delivered.add(request.request().getMethod());
              request.respond(Response.OK);
            });
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void everyTortureMessageIsSurvivedAndInvalidOnesAreNeverAccepted() throws Exception {
    Path corpus = CORPUS.toAbsolutePath().normalize();
    if (!Files.isDirectory(corpus)) {
      corpus = Path.of("/work/shared/reference/rfc4475");
    }
    int port = SipEndpointIT.port(gateway, Kind.TCP);
    List<Path> files;
    try (Stream<Path> list = Files.list(corpus)) {
      files = list.filter(p -> p.toString().endsWith(".dat")).sorted().toList();
    }
    assertThat(files).hasSize(49);
    List<String> accepted = new java.util.ArrayList<>();
    java.util.Map<String, String> answers = new java.util.HashMap<>();
    for (Path file : files) {
      String name = file.getFileName().toString().replace(".dat", "");
      // the four JAIN-SIP tolerates are always answered now: wait for that answer (a marker's
      // answer may overtake it, the stack handles one connection's requests in parallel)
      // (baddn and badvers share a Via branch and sent-by: the second would be a retransmission
      // of the first for the transaction layer, RFC 3261 §17.2.3, so each gets its own branch)
      String answer =
          STRICT.contains(name)
              ? answer(port, uniqueBranch(Files.readAllBytes(file), name))
              : exchange(port, Files.readAllBytes(file));
      answers.put(name, answer.lines().findFirst().orElse(""));
      if (INVALID.contains(name) && answer.startsWith("SIP/2.0 2")) {
        accepted.add(name);
      }
    }
    assertThat(accepted).as("invalid messages answered 2xx").isEmpty();
    assertThat(answers.get("badvers")).as("badvers").startsWith("SIP/2.0 505");
    for (String name : List.of("trws", "baddn", "badaspec")) { // RFC 4475 §3.1.2: 400
      assertThat(answers.get(name)).as(name).startsWith("SIP/2.0 400");
    }

    String after =
        answer(
            port,
            SipEndpointIT.withVia(SipEndpointIT.message("still serving"))
                .getBytes(StandardCharsets.UTF_8));
    assertThat(after).startsWith("SIP/2.0 200");
  }

  /**
   * A request JAIN-SIP itself rejects (RFC 4475 §3.1.2.15 {@code mismatch02}: CSeq method differs)
   * is logged without any of its content above DEBUG: no address, Call-ID or header line.
   */
  @Test
  void aRejectedMessageIsLoggedWithoutItsContentAboveDebug() throws Exception {
    Path file = corpus().resolve("mismatch02.dat");
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    root.addAppender(logged);
    try {
      String answer = exchange(SipEndpointIT.port(gateway, Kind.TCP), Files.readAllBytes(file));
      assertThat(answer).doesNotStartWith("SIP/2.0 2");
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  snapshot(logged).stream()
                      .anyMatch(e -> e.getLoggerName().startsWith("gov.nist")));
    } finally {
      root.detachAppender(logged);
    }
    assertThat(snapshot(logged))
        .filteredOn(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO))
        .allSatisfy(
            e -> {
              String text = e.getFormattedMessage() + throwableText(e.getThrowableProxy());
              assertThat(text)
                  .doesNotContain(
                      "mismatch02.dj0234sxdfl3",
                      "caller@example.net",
                      "j.user@example.com",
                      "host.example.net",
                      "NEWMETHOD",
                      "34525");
            });
  }

  /**
   * A peer that keeps sending malformed requests gets its 400 each time, but the log gets one INFO
   * line per peer and reason a minute (the rest at DEBUG), so a broken or hostile peer cannot flood
   * it.
   */
  @Test
  void repeatedMalformedRequestsFromOnePeerAreLoggedOnceAtInfo() throws Exception {
    byte[] trws = Files.readAllBytes(corpus().resolve("trws.dat"));
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    root.addAppender(logged);
    try {
      for (int i = 0; i < 5; i++) {
        String answer =
            answer(SipEndpointIT.port(gateway, Kind.TCP), uniqueBranch(trws, "trws-" + i));
        assertThat(answer).startsWith("SIP/2.0 400");
      }
    } finally {
      root.detachAppender(logged);
    }
    // the other tests of this class may have used this peer's line for the minute already
    assertThat(snapshot(logged))
        .filteredOn(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO))
        .filteredOn(e -> e.getFormattedMessage().contains("malformed"))
        .hasSizeLessThanOrEqualTo(1);
  }

  static List<ch.qos.logback.classic.spi.ILoggingEvent> snapshot(
      ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender) {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  static String throwableText(ch.qos.logback.classic.spi.IThrowableProxy proxy) {
    StringBuilder text = new StringBuilder();
    for (var p = proxy; p != null; p = p.getCause()) {
      text.append(' ').append(p.getClassName()).append(' ').append(p.getMessage());
    }
    return text.toString();
  }

  static Path corpus() {
    Path corpus = CORPUS.toAbsolutePath().normalize();
    return Files.isDirectory(corpus) ? corpus : Path.of("/work/shared/reference/rfc4475");
  }

  static byte[] uniqueBranch(byte[] message, String name) {
    return new String(message, StandardCharsets.ISO_8859_1)
        .replace("branch=z9hG4bK", "branch=z9hG4bK" + name + "-")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * Sends one well-formed request on a new connection and returns its response line. No marker: the
   * endpoint answers OPTIONS itself, which can overtake an application's answer to a MESSAGE.
   */
  static String answer(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.77", port)) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      return SipEndpointIT.readResponse(socket.getInputStream());
    } catch (SocketTimeoutException e) {
      return "";
    }
  }

  /**
   * Sends the bytes on a new connection, then a well-formed OPTIONS as a marker; returns the first
   * response line that is not the marker's ("" when the message got none). The marker makes a
   * message that gets no answer cost no timeout.
   */
  static String exchange(int port, byte[] bytes) throws IOException {
    String marker = "marker-" + UUID.randomUUID();
    String options =
        SipEndpointIT.withVia(
            "OPTIONS sip:gw.local.test SIP/2.0\r\nFrom: <sip:probe@partner.example>;tag=m\r\n"
                + "To: <sip:gw.local.test>\r\nCall-ID: "
                + marker
                + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
    try (Socket socket = new Socket("127.0.0.77", port)) {
      socket.setSoTimeout(1_000);
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().write(options.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      String first = "";
      try {
        for (int i = 0; i < 3; i++) {
          String response = SipEndpointIT.readResponse(in);
          if (response.isEmpty() || response.contains(marker)) {
            return first;
          }
          if (first.isEmpty()) {
            first = response;
          }
        }
      } catch (SocketTimeoutException e) {
        return first;
      }
      return first;
    } catch (java.net.SocketException e) {
      return "";
    }
  }
}
