/**
 * Ports between the XCP Router and the federation gateways (S2S and SIP): {@link
 * io.fedgate.core.route.RemoteGateway} takes stanzas off the node, {@link
 * io.fedgate.core.route.InboundStanzas} brings stanzas from remote domains in, {@link
 * io.fedgate.core.route.RemoteDomains} says which gateway serves a domain.
 */
package io.fedgate.core.route;
