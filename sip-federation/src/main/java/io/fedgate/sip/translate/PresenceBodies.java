package io.fedgate.sip.translate;

import io.fedgate.sip.message.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Picks the presence document out of a NOTIFY body: PIDF, Lync categories, multipart/related. */
final class PresenceBodies {
  private PresenceBodies() {}

  static Optional<PresenceView> read(String contentType, byte[] body) {
    MediaType type = MediaType.parse(contentType);
    switch (type.essence()) {
      case Pidf.CONTENT_TYPE, "application/xpidf+xml", "text/xml+msrtc.pidf":
        return XmlBodies.parse(body).flatMap(Pidf::read);
      case LyncCategories.CONTENT_TYPE:
        return XmlBodies.parse(body).flatMap(LyncCategories::read);
      case "multipart/related":
        return type.parameter("boundary").flatMap(b -> related(b, body));
      default:
        return Optional.empty();
    }
  }

  /** RFC 2387 / RLMI (RFC 4662): the first part that is a presence document. */
  private static Optional<PresenceView> related(String boundary, byte[] body) {
    String raw = new String(body, StandardCharsets.ISO_8859_1);
    String[] chunks = raw.split(java.util.regex.Pattern.quote("--" + boundary), -1);
    for (int i = 1; i < chunks.length; i++) {
      if (chunks[i].startsWith("--")) {
        break;
      }
      String chunk = chunks[i].replaceFirst("^[ \t]*\r?\n", "");
      String[] split = chunk.split("\r?\n\r?\n", 2);
      String partType = "";
      for (String line : split[0].split("\r?\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("content-type")) {
          partType = line.substring(colon + 1).strip();
        }
      }
      if (split.length == 2 && !MediaType.parse(partType).type().equals("multipart")) {
        Optional<PresenceView> view =
            read(partType, split[1].strip().getBytes(StandardCharsets.ISO_8859_1));
        if (view.isPresent()) {
          return view;
        }
      }
    }
    return Optional.empty();
  }
}
