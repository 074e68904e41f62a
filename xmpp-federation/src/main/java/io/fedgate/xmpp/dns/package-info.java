/**
 * DNS for outbound S2S (RFC 6120 §3.2, XEP-0368, RFC 2782): SRV lookups through dnsjava against a
 * configurable resolver, the RFC 2782 ordering, per-domain overrides for closed networks.
 */
package io.fedgate.xmpp.dns;
