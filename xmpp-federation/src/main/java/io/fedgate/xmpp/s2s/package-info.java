/**
 * XMPP server-to-server federation as values and pure decisions (RFC 6120, XEP-0220, XEP-0178,
 * XEP-0185, the Lync partner matrix of PROTOCOL.md §8): settings, partner validation, the admission
 * port, dialback keys and the inbound and outbound stream negotiations as state machines. No Netty,
 * no sockets, no threads: {@code io.fedgate.xmpp.netty} performs the actions.
 */
package io.fedgate.xmpp.s2s;
