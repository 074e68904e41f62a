package io.fedgate.sip.message;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes RFC 3261 §7 message text. The parser takes one complete message (as from a
 * datagram or a golden file; stream framing is the transport's business), skips leading CRLF
 * keep-alives (RFC 5626 §3.5.1), unfolds continuation lines, accepts bare LF line ends, and checks
 * what a gateway relies on: the start line, the mandatory headers of §8.1.1, single-valued headers
 * that appear once, numeric fields in range, CSeq method matching the request method, name-addr
 * syntax of From/To/Contact and Content-Length against the body. Bad input is a {@link
 * SipParse.Rejected} value, never an exception.
 */
public final class SipMessages {
  /** Larger messages are refused (a SIP message fits comfortably in this). */
  public static final int MAX_MESSAGE_BYTES = 256 * 1024;

  private SipMessages() {}

  public static SipParse parse(byte[] bytes) {
    try {
      if (bytes.length > MAX_MESSAGE_BYTES) {
        return new SipParse.Rejected(413, "message too large");
      }
      return parseChecked(bytes);
    } catch (RuntimeException bug) {
      // defensive: a parser bug must not take down a listener; the input is malformed for us
      return new SipParse.Rejected(400, "unparseable message");
    }
  }

  private static SipParse parseChecked(byte[] bytes) {
    int start = 0;
    while (start < bytes.length && (bytes[start] == '\r' || bytes[start] == '\n')) {
      start++;
    }
    if (start == bytes.length) {
      return new SipParse.Rejected(400, "empty message");
    }
    int[] end = headerEnd(bytes, start);
    if (end == null) {
      return new SipParse.Rejected(400, "no end of headers");
    }
    String head;
    if (ascii(bytes, start, end[0])) {
      // the usual case: ASCII is valid UTF-8 and decodes to the same text, without a decoder
      head = new String(bytes, start, end[0] - start, StandardCharsets.ISO_8859_1);
    } else {
      try {
        head =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, start, end[0] - start))
                .toString();
      } catch (CharacterCodingException e) {
        return new SipParse.Rejected(400, "headers are not UTF-8");
      }
    }
    if (head.endsWith("\r")) {
      head = head.substring(0, head.length() - 1);
    }
    List<String> lines = unfold(head);
    if (lines == null) {
      return new SipParse.Rejected(400, "bad header folding");
    }
    SipStartLineParser.Result startLine = SipStartLineParser.parse(lines.get(0));
    if (startLine.rejected() != null) {
      return startLine.rejected();
    }
    List<SipHeader> headers = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      int colon = line.indexOf(':');
      String name = colon < 0 ? "" : line.substring(0, colon).stripTrailing();
      if (colon <= 0 || !SipSyntax.isToken(name)) {
        return new SipParse.Rejected(400, "bad header line");
      }
      headers.add(new SipHeader(name, line.substring(colon + 1)));
    }
    byte[] rest = Arrays.copyOfRange(bytes, end[1], bytes.length);
    SipMessage message = new SipMessage(startLine.startLine(), headers, rest);
    SipParse checked = SipHeaderChecks.check(message);
    if (checked instanceof SipParse.Rejected) {
      return checked;
    }
    List<String> lengths = message.headerLines("content-length");
    if (!lengths.isEmpty()) {
      long length = Long.parseLong(lengths.get(0));
      if (length > rest.length) {
        return new SipParse.Rejected(400, "Content-Length larger than the body");
      }
      message = new SipMessage(message.startLine(), headers, Arrays.copyOf(rest, (int) length));
    }
    return new SipParse.Parsed(message);
  }

  private static boolean ascii(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** The lines of {@code text} split at CRLF or LF, as {@code text.split("\r?\n", -1)}. */
  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        int to = i > from && text.charAt(i - 1) == '\r' ? i - 1 : i;
        lines.add(text.substring(from, to));
        from = i + 1;
      }
    }
    lines.add(text.substring(from));
    return lines;
  }

  /** {index of the blank line, index of the body}, or null. */
  private static int[] headerEnd(byte[] b, int from) {
    for (int i = from; i < b.length - 1; i++) {
      if (b[i] == '\n' && b[i + 1] == '\n') {
        return new int[] {i, i + 2};
      }
      if (b[i] == '\n' && b[i + 1] == '\r' && i + 2 < b.length && b[i + 2] == '\n') {
        return new int[] {i, i + 3};
      }
    }
    return null;
  }

  private static List<String> unfold(String head) {
    List<String> lines = new ArrayList<>();
    for (String raw : lines(head)) {
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        // controls only as an RFC 3261 §25.1 quoted-pair (e.g. "\<NUL>" in a display name)
        boolean quotedPair = i > 0 && raw.charAt(i - 1) == '\\';
        if (((c < 0x20 && c != '\t') || c == 0x7f) && !quotedPair) {
          return null;
        }
      }
      if (!raw.isEmpty() && (raw.charAt(0) == ' ' || raw.charAt(0) == '\t')) {
        if (lines.size() <= 1) {
          return null;
        }
        int last = lines.size() - 1;
        lines.set(last, lines.get(last).stripTrailing() + " " + raw.strip());
      } else if (!raw.isEmpty()) {
        lines.add(raw);
      }
    }
    return lines.isEmpty() ? null : lines;
  }

  /** The RFC 3261 text with CRLF line ends and a Content-Length equal to the body length. */
  public static byte[] serialize(SipMessage message) {
    StringBuilder sb = new StringBuilder();
    sb.append(message.startLine()).append("\r\n");
    for (SipHeader h : message.headers()) {
      if (!h.is("content-length")) {
        sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
      }
    }
    byte[] body = message.body();
    sb.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    return out.toByteArray();
  }
}
