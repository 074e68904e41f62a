/**
 * SIP messages as immutable values ({@link io.fedgate.sip.message.SipMessage}), a parser and a
 * serialiser for RFC 3261 text (golden files, the Lync peer simulator, robustness tests). Pure: no
 * JAIN-SIP types and no I/O; the JAIN-SIP adapter copies its requests and responses into these
 * records and back.
 */
package io.fedgate.sip.message;
