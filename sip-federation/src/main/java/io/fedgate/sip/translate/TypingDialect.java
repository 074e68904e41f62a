package io.fedgate.sip.translate;

/** How a SIP peer learns that the XMPP user is typing (PROTOCOL.md §5.2, §6.4). */
public enum TypingDialect {
  /** Lync/OCS: in-dialog INFO with {@code <KeyboardActivity>}; there is no "stopped typing". */
  LYNC_INFO,
  /** RFC 3994 isComposing documents in MESSAGE requests (active / idle). */
  RFC_3994
}
