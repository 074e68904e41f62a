/**
 * The XMPP stream as values: events decoded from the wire, stream errors and their RFC 6120 §4.9.3
 * conditions, header checks and limits. Pure: no Netty, no sockets.
 */
package io.fedgate.xmpp.stream;
