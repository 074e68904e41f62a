/**
 * The Presence Engine (RFC 6121): rosters with versioning, the subscription state machine of
 * Appendix A as a pure transition function, and presence broadcast, probes and directed presence
 * for local users. Decisions are pure ({@link io.fedgate.appliance.presence.Subscriptions}, {@link
 * io.fedgate.appliance.presence.Roster}); the engine's own thread performs them.
 */
package io.fedgate.appliance.presence;
