/**
 * The SIP transport on JAIN-SIP: {@link io.fedgate.sip.jain.SipEndpoint} (listeners, inbound gate,
 * outbound requests to a chosen next hop), TLS with the {@code cup} identity and cert-store's
 * PeerTrust, JAIN-SIP's logs routed to SLF4J.
 */
package io.fedgate.sip.jain;
