package io.fedgate.sip.translate;

import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.MediaType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The text of an IM body in XMPP terms: plain text for {@code <body/>} and, for HTML, an optional
 * XHTML-IM element. Reads {@code text/plain}, {@code text/html}, {@code text/rtf} (stripped) and
 * {@code multipart/alternative} (PROTOCOL.md §5.1, §6.6).
 */
public record ImText(String plain, Optional<XmlElement> xhtml) {
  /** The content types accepted for IM bodies, for an {@code Accept} header on 415. */
  public static final String ACCEPTED = "text/plain, text/html, text/rtf, multipart/alternative";

  /** Decodes a body; empty if the content type is not an IM text type or the body is broken. */
  public static Optional<ImText> read(String contentType, byte[] body) {
    MediaType type = MediaType.parse(contentType == null ? "text/plain" : contentType);
    String text = decode(type, body);
    switch (type.essence()) {
      case "text/plain":
        return Optional.of(new ImText(text, Optional.empty()));
      case "text/html":
        return Optional.of(new ImText(HtmlText.toPlain(text), HtmlText.toXhtmlIm(text)));
      case "text/rtf":
      case "application/rtf":
        return Optional.of(new ImText(RtfText.toPlain(text), Optional.empty()));
      case "multipart/alternative":
        return type.parameter("boundary").flatMap(b -> alternative(b, body));
      default:
        return Optional.empty();
    }
  }

  private static String decode(MediaType type, byte[] body) {
    try {
      return new String(
          body,
          type.parameter("charset")
              .map(c -> Charset.forName(c.toUpperCase(Locale.ROOT)))
              .orElse(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException unknownCharset) {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** RFC 2046 §5.1.4: prefer text/plain for the body and text/html for XHTML-IM. */
  private static Optional<ImText> alternative(String boundary, byte[] body) {
    List<Part> parts = parts(boundary, new String(body, StandardCharsets.ISO_8859_1));
    Optional<ImText> plain = Optional.empty();
    Optional<ImText> html = Optional.empty();
    Optional<ImText> other = Optional.empty();
    for (Part part : parts) {
      String essence = MediaType.parse(part.contentType()).essence();
      Optional<ImText> text =
          essence.startsWith("multipart/")
              ? Optional.empty()
              : read(part.contentType(), part.body());
      if (essence.equals("text/plain")) {
        plain = plain.or(() -> text);
      } else if (essence.equals("text/html")) {
        html = html.or(() -> text);
      } else {
        other = other.or(() -> text);
      }
    }
    if (plain.isPresent()) {
      Optional<XmlElement> xhtml = html.flatMap(ImText::xhtml);
      return Optional.of(new ImText(plain.get().plain(), xhtml));
    }
    return html.isPresent() ? html : other;
  }

  private record Part(String contentType, byte[] body) {}

  private static List<Part> parts(String boundary, String raw) {
    List<Part> out = new ArrayList<>();
    String delimiter = "--" + boundary;
    String[] chunks = raw.split(java.util.regex.Pattern.quote(delimiter), -1);
    for (int i = 1; i < chunks.length; i++) {
      String chunk = chunks[i];
      if (chunk.startsWith("--")) {
        break; // close delimiter
      }
      chunk = chunk.replaceFirst("^[ \t]*\r?\n", "");
      int blank = chunk.indexOf("\r\n\r\n");
      int skip = 4;
      if (blank < 0) {
        blank = chunk.indexOf("\n\n");
        skip = 2;
      }
      String headers = blank < 0 ? chunk : chunk.substring(0, blank);
      String content = blank < 0 ? "" : chunk.substring(blank + skip);
      content = content.replaceFirst("\r?\n$", "");
      String partType = "text/plain";
      for (String line : headers.split("\r?\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("content-type")) {
          partType = line.substring(colon + 1).strip();
        }
      }
      out.add(new Part(partType, content.getBytes(StandardCharsets.ISO_8859_1)));
    }
    return out;
  }
}
