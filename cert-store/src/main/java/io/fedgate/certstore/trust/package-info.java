/**
 * Peer trust decisions as values: {@link io.fedgate.certstore.trust.PeerTrust} combines PKIX chain
 * validation against a trust store, RFC 6125 identity matching ({@link
 * io.fedgate.certstore.trust.IdentityMatcher}) and IM&P's TLS peer subject list ({@link
 * io.fedgate.certstore.trust.PeerSubjects}) into a {@link io.fedgate.certstore.trust.Decision} with
 * a stable {@link io.fedgate.certstore.trust.RefusalReason}. No I/O; time comes from an injected
 * clock.
 */
package io.fedgate.certstore.trust;
