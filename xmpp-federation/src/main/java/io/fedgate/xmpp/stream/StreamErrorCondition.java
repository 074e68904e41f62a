package io.fedgate.xmpp.stream;

/**
 * The defined stream error conditions of RFC 6120 §4.9.3. Every stream error is unrecoverable: the
 * entity that detects it sends {@code <stream:error/>}, closes the stream and the TCP connection
 * (§4.9.1.1).
 */
public enum StreamErrorCondition {
  /** §4.9.3.1: XML that cannot be processed; prefer a more specific condition. */
  BAD_FORMAT,
  /** §4.9.3.2: a namespace prefix that is not supported or not declared. */
  BAD_NAMESPACE_PREFIX,
  /** §4.9.3.3: a new stream conflicts with this one (e.g. the same resource was bound again). */
  CONFLICT,
  /** §4.9.3.4: no traffic within the idle timeout. */
  CONNECTION_TIMEOUT,
  /** §4.9.3.5: the 'to' domain is no longer served here. */
  HOST_GONE,
  /** §4.9.3.6: the 'to' domain of the stream header is not served here. */
  HOST_UNKNOWN,
  /** §4.9.3.7: a stanza lacks a required 'to' or 'from' (S2S). */
  IMPROPER_ADDRESSING,
  /** §4.9.3.8: an internal error prevents servicing the stream. */
  INTERNAL_SERVER_ERROR,
  /** §4.9.3.9: the 'from' address is not authenticated on this stream. */
  INVALID_FROM,
  /** §4.9.3.10: the stream or content namespace is not the expected one. */
  INVALID_NAMESPACE,
  /** §4.9.3.11: XML that is not valid against the schema. */
  INVALID_XML,
  /** §4.9.3.12: data before authentication, or authentication refused. */
  NOT_AUTHORIZED,
  /** §4.9.3.13: XML that is not well-formed (XML 1.0 §2.1). */
  NOT_WELL_FORMED,
  /** §4.9.3.14: a local policy was violated (size limits, TLS required, rate limits). */
  POLICY_VIOLATION,
  /** §4.9.3.15: a needed remote server could not be reached. */
  REMOTE_CONNECTION_FAILED,
  /** §4.9.3.16: security or credentials changed; the stream must be renegotiated. */
  RESET,
  /** §4.9.3.17: not enough resources to serve the stream. */
  RESOURCE_CONSTRAINT,
  /** §4.9.3.18: restricted XML (comments, processing instructions, DTDs, entity references). */
  RESTRICTED_XML,
  /** §4.9.3.19: the client should connect to another host. */
  SEE_OTHER_HOST,
  /** §4.9.3.20: the server is shutting down. */
  SYSTEM_SHUTDOWN,
  /** §4.9.3.21: none of the defined conditions applies. */
  UNDEFINED_CONDITION,
  /** §4.9.3.22: an encoding other than UTF-8. */
  UNSUPPORTED_ENCODING,
  /** §4.9.3.23: a feature the peer requires is not offered. */
  UNSUPPORTED_FEATURE,
  /** §4.9.3.24: a first-level child the server does not understand. */
  UNSUPPORTED_STANZA_TYPE,
  /** §4.9.3.25: the 'version' of the stream header is not supported (below 1.0). */
  UNSUPPORTED_VERSION;

  /** The element name, e.g. {@code not-well-formed}. */
  public String elementName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
