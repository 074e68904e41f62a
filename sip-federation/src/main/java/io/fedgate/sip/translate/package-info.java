/**
 * SIP/SIMPLE <-> XMPP translation as pure functions over our own records ({@link
 * io.fedgate.sip.message.SipMessage}, {@link io.fedgate.core.stanza.XmlElement}, {@link
 * io.fedgate.core.stanza.Jid}) and the session and subscription state machines: address mapping
 * (RFC 7247 §6), error mapping (RFC 7247 §7), IM (RFC 7572, RFC 7573 semantics, Lync session mode)
 * and presence (RFC 8048, PIDF/RPID, Lync categories). See ../shared/PROTOCOL.md §2-6. No JAIN-SIP
 * types, no I/O, no threads, no clock reads: time is passed in.
 */
package io.fedgate.sip.translate;
