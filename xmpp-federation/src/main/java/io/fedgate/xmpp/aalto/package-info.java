/**
 * Aalto adapter: the non-blocking XML parser that turns stream bytes into {@link
 * io.fedgate.xmpp.stream.StreamEvent}s. No Netty, no sockets.
 */
package io.fedgate.xmpp.aalto;
