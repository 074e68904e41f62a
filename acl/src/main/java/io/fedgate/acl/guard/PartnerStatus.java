package io.fedgate.acl.guard;

import java.time.Instant;
import java.util.Optional;

/**
 * A tracked partner's counters, as shown by {@code fedgate guard show}.
 *
 * @param partner the partner domain
 * @param suspicious whether the reduced rate applies
 * @param ratePerSecond the rate in force
 * @param admitted requests allowed this period
 * @param throttled requests throttled this period
 * @param lastThrottled when it was last throttled
 * @param distinctLocalUris distinct local URIs addressed since its state was created
 * @param successes successful requests this period
 * @param failures failed requests this period
 */
public record PartnerStatus(
    String partner,
    boolean suspicious,
    int ratePerSecond,
    long admitted,
    long throttled,
    Optional<Instant> lastThrottled,
    int distinctLocalUris,
    long successes,
    long failures) {}
