/**
 * Client-to-server streams as pure protocol: the negotiation state machine ({@link
 * io.fedgate.xmpp.c2s.C2sNegotiation}: header, STARTTLS, SASL, binding, stanzas), the session
 * registry and the {@link io.fedgate.xmpp.c2s.StanzaRouter} port. No Netty, no sockets.
 */
package io.fedgate.xmpp.c2s;
