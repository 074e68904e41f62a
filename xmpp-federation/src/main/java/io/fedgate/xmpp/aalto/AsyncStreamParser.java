package io.fedgate.xmpp.aalto;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import io.fedgate.xmpp.stream.StreamError;
import io.fedgate.xmpp.stream.StreamErrorCondition;
import io.fedgate.xmpp.stream.StreamEvent;
import io.fedgate.xmpp.stream.StreamLimits;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * Turns the bytes of one XMPP stream, fed in arbitrary pieces, into {@link StreamEvent}s with the
 * Aalto non-blocking parser. Enforces RFC 6120 §11 (no DTD, comments, processing instructions or
 * entity references other than the predefined ones: {@code restricted-xml}) and the {@link
 * StreamLimits} ({@code policy-violation}). After a {@link StreamEvent.Failed} or {@link
 * StreamEvent.Closed} further input is ignored. Not thread-safe: one instance per stream, used on
 * the connection's event loop.
 */
public final class AsyncStreamParser {
  // configured once here and never changed: Aalto factories are thread-safe once configured,
  // and sharing one shares its symbol tables between streams
  private static final AsyncXMLInputFactory FACTORY = newFactory();

  private final AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
  private final StreamLimits limits;
  private final ElementAssembler assembler;
  private long fed;
  private long boundary;
  private boolean done;
  private final StringBuilder prolog = new StringBuilder();

  public AsyncStreamParser(StreamLimits limits, String contentNamespace) {
    this.reader = FACTORY.createAsyncForByteArray();
    this.limits = limits;
    this.assembler = new ElementAssembler(reader, limits, contentNamespace);
  }

  private static AsyncXMLInputFactory newFactory() {
    AsyncXMLInputFactory factory = new InputFactoryImpl();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
    factory.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
    return factory;
  }

  /** Feeds the next piece of the stream and returns the events it completes. */
  public List<StreamEvent> feed(byte[] bytes, int offset, int length) {
    List<StreamEvent> events = new ArrayList<>();
    if (done || length == 0) {
      return events;
    }
    try {
      rememberProlog(bytes, offset, length);
      reader.getInputFeeder().feedInput(bytes, offset, length);
      fed += length;
      drain(events);
      if (!done && fed - boundary > limits.maxStanzaBytes()) {
        fail(events, StreamErrorCondition.POLICY_VIOLATION, "stanza too large");
      }
    } catch (Exception e) {
      // XMLStreamException, and Aalto's well-formedness errors that surface unchecked from
      // getText() (lazy text parsing)
      StreamErrorCondition condition =
          prolog.indexOf("<!DOCTYPE") >= 0 ? StreamErrorCondition.RESTRICTED_XML : classify(e);
      fail(events, condition, "XML refused: " + firstLine(e.getMessage()));
    }
    return events;
  }

  /**
   * Keeps the first bytes before the stream header: Aalto's async reader fails on a DTD internal
   * subset with a generic message, and a DOCTYPE must be answered with {@code restricted-xml}.
   */
  private void rememberProlog(byte[] bytes, int offset, int length) {
    if (assembler.depth() == 0 && prolog.length() < 1024) {
      int n = Math.min(length, 1024 - prolog.length());
      prolog.append(new String(bytes, offset, n, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
  }

  private void drain(List<StreamEvent> events) throws XMLStreamException {
    while (!done) {
      int type = reader.next();
      if (type == AsyncXMLStreamReader.EVENT_INCOMPLETE) {
        return;
      }
      StreamEvent event = assembler.on(type);
      if (event != null) {
        events.add(event);
        done = !(event instanceof StreamEvent.Element || event instanceof StreamEvent.Opened);
      }
      trackSize(type, events);
    }
  }

  private void trackSize(int type, List<StreamEvent> events) throws XMLStreamException {
    if (done) {
      return;
    }
    var location = reader.getLocationInfo();
    if (assembler.depth() <= 1) {
      boundary = location.getEndingByteOffset();
    } else if (type == XMLStreamConstants.START_ELEMENT && assembler.depth() == 2) {
      boundary = location.getStartingByteOffset();
    }
    if (location.getEndingByteOffset() - boundary > limits.maxStanzaBytes()) {
      fail(events, StreamErrorCondition.POLICY_VIOLATION, "stanza too large");
    }
  }

  private void fail(List<StreamEvent> events, StreamErrorCondition condition, String text) {
    events.add(new StreamEvent.Failed(new StreamError(condition, text)));
    done = true;
  }

  private static StreamErrorCondition classify(Exception e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    if (message.contains("entity") || message.contains("doctype") || message.contains("dtd")) {
      return StreamErrorCondition.RESTRICTED_XML;
    }
    if (message.contains("prefix")) {
      return StreamErrorCondition.BAD_NAMESPACE_PREFIX;
    }
    if (message.contains("encoding")) {
      return StreamErrorCondition.UNSUPPORTED_ENCODING;
    }
    return StreamErrorCondition.NOT_WELL_FORMED;
  }

  private static String firstLine(String message) {
    String line = String.valueOf(message).lines().findFirst().orElse("");
    return line.length() > 120 ? line.substring(0, 120) : line;
  }
}
