package io.fedgate.tlsproxy.status;

/**
 * One access-list entry's hit count, as {@code show access-list} shows it.
 *
 * @param line the 1-based entry, 0 for the implicit deny
 * @param entry the entry as the ASA would print it
 */
public record AclCounterView(String accessList, int line, String entry, long hits) {}
