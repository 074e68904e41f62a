package io.fedgate.appliance.xmpp;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.aalto.AsyncStreamParser;
import io.fedgate.xmpp.stream.StreamEvent;
import io.fedgate.xmpp.stream.StreamLimits;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads back a stanza stored as XML text (offline messages) with the stream layer's parser. */
final class StoredStanzas {
  private static final String HEADER =
      "<stream:stream xmlns='"
          + Namespaces.CLIENT
          + "' xmlns:stream='"
          + Namespaces.STREAMS
          + "' version='1.0'>";
  private static final StreamLimits LIMITS =
      new StreamLimits(
          1_000_000,
          StreamLimits.DEFAULTS.maxAttributeChars(),
          StreamLimits.DEFAULTS.maxDepth(),
          StreamLimits.DEFAULTS.idleTimeout());

  private StoredStanzas() {}

  static Optional<XmlElement> parse(String xml) {
    byte[] bytes = (HEADER + xml).getBytes(StandardCharsets.UTF_8);
    AsyncStreamParser parser = new AsyncStreamParser(LIMITS, Namespaces.CLIENT);
    return parser.feed(bytes, 0, bytes.length).stream()
        .filter(StreamEvent.Element.class::isInstance)
        .map(e -> ((StreamEvent.Element) e).element())
        .findFirst();
  }
}
