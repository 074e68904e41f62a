package io.fedgate.tlsproxy.sip;

import io.fedgate.tlsproxy.sip.InspectionException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One direction of a proxied TCP stream as SIP inspection sees it: bytes in, whole messages out
 * (framed by {@code Content-Length}, RFC 3261 §18.3), each passed to the {@link SipRewriter}. The
 * first line decides the mode: a SIP request or status line makes the stream SIP; anything else
 * makes it a raw stream that is relayed untouched from then on. Single-threaded (one per channel
 * direction); pure: no I/O.
 */
public final class SipStream {
  private static final int FIRST_LINE_LIMIT = 1024;
  private static final Pattern REQUEST_LINE =
      Pattern.compile("[A-Za-z][A-Za-z0-9.!%*_+`'~-]* \\S+ SIP/2\\.0");
  private static final Pattern STATUS_LINE = Pattern.compile("SIP/2\\.0 \\d{3}( .*)?");
  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

  private enum Mode {
    DETECTING,
    SIP,
    RAW
  }

  private final SipRewriter rewriter;
  private final int maxMessageBytes;
  private Mode mode = Mode.DETECTING;
  private byte[] buffer = new byte[0];
  private int length;

  public SipStream(SipRewriter rewriter, int maxMessageBytes) {
    this.rewriter = rewriter;
    this.maxMessageBytes = maxMessageBytes;
  }

  /** Whether the stream turned out not to be SIP. */
  public boolean isRaw() {
    return mode == Mode.RAW;
  }

  /**
   * Takes the next bytes and returns what can be relayed now, in order.
   *
   * @throws InspectionException when the stream is SIP but a message is too large or malformed; the
   *     stream is unusable afterwards
   */
  public List<Piece> feed(byte[] data) throws InspectionException {
    if (mode == Mode.RAW) {
      return List.of(Piece.raw(data));
    }
    append(data);
    List<Piece> out = new ArrayList<>();
    while (length > 0) {
      int crlfs = leadingCrlfs();
      if (crlfs > 0) { // RFC 5626 keep-alives between messages
        out.add(Piece.raw(take(crlfs)));
        continue;
      }
      if (mode == Mode.DETECTING && !detect()) {
        break;
      }
      if (mode == Mode.RAW) {
        out.add(Piece.raw(take(length)));
        break;
      }
      byte[] message = nextMessage();
      if (message == null) {
        break;
      }
      out.add(rewriter.rewrite(message));
    }
    return out;
  }

  /** Decides the mode from the first line; false while the line is incomplete. */
  private boolean detect() {
    int eol = indexOf(new byte[] {'\r', '\n'}, 0);
    if (eol < 0) {
      if (length >= FIRST_LINE_LIMIT) {
        mode = Mode.RAW;
        return true;
      }
      return false;
    }
    String line = new String(buffer, 0, eol, StandardCharsets.ISO_8859_1);
    boolean sip = REQUEST_LINE.matcher(line).matches() || STATUS_LINE.matcher(line).matches();
    mode = sip ? Mode.SIP : Mode.RAW;
    return true;
  }

  private byte[] nextMessage() throws InspectionException {
    int end = indexOf(HEADER_END, 0);
    if (end < 0) {
      if (length > maxMessageBytes) {
        throw new InspectionException(
            Reason.TOO_LARGE, "header section over " + maxMessageBytes + " bytes");
      }
      return null;
    }
    int bodyStart = end + HEADER_END.length;
    String headers = new String(buffer, 0, end, StandardCharsets.ISO_8859_1);
    String firstLine = headers.split("\r\n", 2)[0];
    if (!REQUEST_LINE.matcher(firstLine).matches() && !STATUS_LINE.matcher(firstLine).matches()) {
      throw new InspectionException(Reason.MALFORMED, "not a SIP start line");
    }
    long contentLength = SipHeaders.parse(headers).contentLength();
    long total = bodyStart + contentLength;
    if (total > maxMessageBytes) {
      throw new InspectionException(
          Reason.TOO_LARGE, "message of " + total + " bytes over " + maxMessageBytes);
    }
    if (length < total) {
      return null;
    }
    return take((int) total);
  }

  private void append(byte[] data) {
    if (length + data.length > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(length + data.length, buffer.length * 2));
    }
    System.arraycopy(data, 0, buffer, length, data.length);
    length += data.length;
  }

  private byte[] take(int n) {
    byte[] out = Arrays.copyOf(buffer, n);
    System.arraycopy(buffer, n, buffer, 0, length - n);
    length -= n;
    return out;
  }

  private int leadingCrlfs() {
    int i = 0;
    while (i + 1 < length && buffer[i] == '\r' && buffer[i + 1] == '\n') {
      i += 2;
    }
    return i;
  }

  private int indexOf(byte[] needle, int from) {
    outer:
    for (int i = from; i <= length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (buffer[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
