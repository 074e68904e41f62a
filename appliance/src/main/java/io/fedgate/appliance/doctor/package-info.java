/**
 * The Federation Doctor: for one partner domain, every check both ways (DNS SRV and addresses, TCP
 * reach, TLS handshake, the peer's chain, EKUs and names, TLS peer subject and incoming ACL match,
 * the route, SIP OPTIONS, the XMPP negotiation) reported per step with the reason and which side
 * must change what. Runs on its caller's thread (never an event loop): it does blocking I/O with
 * short timeouts.
 */
package io.fedgate.appliance.doctor;
