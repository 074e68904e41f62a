package io.fedgate.acl.guard;

import java.time.Instant;

/**
 * A partner on the watch list: blocked until an operator releases it or allow-lists it.
 *
 * @param partner the partner domain
 * @param since when it crossed the limit
 * @param distinctLocalUris distinct local URIs it had addressed by then
 */
public record WatchEntry(String partner, Instant since, int distinctLocalUris) {}
