package io.fedgate.tlsproxy.status;

import java.time.Instant;

/**
 * A session that ended, with the reason logged for it ({@code not-tls}, {@code handshake-timeout},
 * {@code acl-deny ...}, {@code inspection [TOO_LARGE] ...}, {@code closed}, ...).
 */
public record ClosedSession(SessionView session, String reason, Instant at) {}
