/**
 * Pure state machines of the SIP gateway: the Lync IM session ({@link
 * io.fedgate.sip.session.ImSession}) and the presence subscription ({@link
 * io.fedgate.sip.session.SipSubscription}). Each is a transition function {@code (state, event) ->
 * (state, actions)}; time comes from an injected {@link java.time.Clock}; timers are actions the
 * adapter schedules and feeds back as events. No JAIN-SIP types, no threads, no I/O.
 */
package io.fedgate.sip.session;
