/**
 * Netty adapter: the pipeline of an XMPP connection (decoder, TLS, idle timeout), the C2S
 * connection handler that performs the actions of {@link io.fedgate.xmpp.c2s.C2sNegotiation}, and
 * the listeners. Never blocks the event loop.
 */
package io.fedgate.xmpp.netty;
