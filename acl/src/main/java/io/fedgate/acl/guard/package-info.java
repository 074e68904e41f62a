/**
 * The open-federation guard: the Lync Access Edge protection for discovered (not allow-listed)
 * partners that IM&amp;P lacks.
 *
 * <p>Entry points: {@link io.fedgate.acl.guard.OpenFederationGuard} ({@code check} each request,
 * {@code recordOutcome} each result, {@code snapshot} for the admin), configured by {@link
 * io.fedgate.acl.guard.GuardConfig}, deciding to {@link io.fedgate.acl.guard.GuardDecision} values
 * (allow, deny with reason, throttle with retry-after). Time comes from an injected {@link
 * java.time.Clock}; the guard keeps bounded state and creates no threads.
 */
package io.fedgate.acl.guard;
