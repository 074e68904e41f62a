package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.XmlElement;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * XEP-0198 bookkeeping of one session: the count of stanzas handled from the client, the count sent
 * to it and the sent stanzas it has not acknowledged yet. Counters run modulo 2^32 (§4). Pure and
 * not thread-safe: the session that owns it locks around every call.
 */
public final class StreamManagement {
  public static final String NAMESPACE = "urn:xmpp:sm:3";
  private static final long MASK = 0xFFFF_FFFFL;

  private final Optional<String> resumeId;
  private final ArrayDeque<XmlElement> unacked = new ArrayDeque<>();
  private long handled;
  private long acknowledged;

  /**
   * @param resumeId the id the client resumes the session with (§5), empty when not resumable
   */
  public StreamManagement(Optional<String> resumeId) {
    this.resumeId = resumeId;
  }

  public Optional<String> resumeId() {
    return resumeId;
  }

  /** A stanza from the client was handled (§4: the server's 'h'). */
  public void handledOne() {
    handled = (handled + 1) & MASK;
  }

  /** The 'h' the server reports in {@code <a/>} and {@code <resumed/>}. */
  public long handled() {
    return handled;
  }

  /** A stanza went to the client and waits for its acknowledgement. */
  public void sent(XmlElement stanza) {
    unacked.addLast(stanza);
  }

  /**
   * The client reports having handled {@code h} stanzas in all (§4); the ones it covers are
   * forgotten.
   *
   * @return false when {@code h} acknowledges more than was sent (the caller ends the stream)
   */
  public boolean acknowledge(long h) {
    long newly = (h - acknowledged) & MASK;
    if (newly > unacked.size()) {
      return false;
    }
    for (long i = 0; i < newly; i++) {
      unacked.removeFirst();
    }
    acknowledged = h & MASK;
    return true;
  }

  public int unackedCount() {
    return unacked.size();
  }

  /** The sent stanzas not acknowledged yet, oldest first (resent after {@code <resumed/>}). */
  public List<XmlElement> unacked() {
    return List.copyOf(unacked);
  }

  /** Takes every unacknowledged stanza out (the session ended without resumption, §4). */
  public List<XmlElement> drain() {
    List<XmlElement> all = List.copyOf(unacked);
    unacked.clear();
    return all;
  }

  /** Parses an 'h' attribute: an unsigned 32-bit integer, or empty when malformed. */
  public static Optional<Long> parseH(XmlElement element) {
    try {
      long h = Long.parseLong(element.attribute("h").orElse(""));
      return h >= 0 && h <= MASK ? Optional.of(h) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
