package io.fedgate.xmpp.stream;

import java.util.Optional;

/**
 * An inbound stream header (RFC 6120 §4.7).
 *
 * @param to the 'to' attribute (the domain the peer wants), empty if absent
 * @param from the 'from' attribute, empty if absent
 * @param version the 'version' attribute as sent
 * @param lang the xml:lang attribute, empty if absent
 * @param id the 'id' attribute: set by a receiving entity in its response header (an S2S initiating
 *     server needs it for the dialback key), empty if absent
 */
public record StreamHeader(
    Optional<String> to,
    Optional<String> from,
    String version,
    Optional<String> lang,
    Optional<String> id) {

  /** A header without an 'id' (what initiating entities send). */
  public StreamHeader(
      Optional<String> to, Optional<String> from, String version, Optional<String> lang) {
    this(to, from, version, lang, Optional.empty());
  }
}
