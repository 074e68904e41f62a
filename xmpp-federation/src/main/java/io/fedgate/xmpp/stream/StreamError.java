package io.fedgate.xmpp.stream;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.Xml;

/**
 * A stream error to send (RFC 6120 §4.9.2): the condition and a human-readable {@code <text/>} that
 * never contains a stack trace or a stanza body.
 */
public record StreamError(StreamErrorCondition condition, String text) {

  public StreamError {
    java.util.Objects.requireNonNull(condition, "condition");
    java.util.Objects.requireNonNull(text, "text");
  }

  /** {@code <stream:error>} with the condition and the text (the stream prefix is declared). */
  public String toXml() {
    return "<stream:error><"
        + condition.elementName()
        + " xmlns='"
        + Namespaces.STREAM_ERRORS
        + "'/><text xmlns='"
        + Namespaces.STREAM_ERRORS
        + "' xml:lang='en'>"
        + Xml.escape(text)
        + "</text></stream:error>";
  }
}
