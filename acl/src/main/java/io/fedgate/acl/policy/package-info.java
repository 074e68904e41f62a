/**
 * Federation policy in the style of IM&amp;P's XMPP Policy: a default action (allow or deny) and
 * exceptions by exact domain or {@code *.domain} wildcard, scoped to a direction.
 *
 * <p>Entry points: {@link io.fedgate.acl.policy.FederationPolicy} (plain record), {@link
 * io.fedgate.acl.policy.PolicyValidator}, {@link io.fedgate.acl.policy.PolicyDecider} (decides to a
 * {@link io.fedgate.acl.policy.PolicyDecision} with a reason) and {@link
 * io.fedgate.acl.policy.FederationOverlap} (a domain cannot be both SIP- and XMPP-federated).
 */
package io.fedgate.acl.policy;
