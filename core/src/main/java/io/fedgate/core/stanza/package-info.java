/**
 * Immutable XML elements and the XMPP namespaces: the neutral stanza form passed between the stream
 * layer, C2S sessions and the router port. Pure: no I/O.
 */
package io.fedgate.core.stanza;
