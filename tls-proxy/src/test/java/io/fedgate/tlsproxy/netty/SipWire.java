package io.fedgate.tlsproxy.netty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads one SIP message from a blocking stream, as the test peers see it on the wire. */
final class SipWire {
  private SipWire() {}

  /** The next message, or null at end of stream before any byte. */
  static String read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b = in.read();
    while (b == '\r' || b == '\n') { // keep-alives between messages (RFC 5626)
      b = in.read();
    }
    while (true) {
      if (b < 0) {
        if (head.size() == 0) {
          return null;
        }
        throw new IOException("end of stream inside a message: " + head);
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        break;
      }
      b = in.read();
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:") || lower.startsWith("l:")) {
        length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
      }
    }
    byte[] body = in.readNBytes(length);
    return headers + new String(body, StandardCharsets.ISO_8859_1);
  }

  static byte[] bytes(String message) {
    return message.getBytes(StandardCharsets.ISO_8859_1);
  }
}
