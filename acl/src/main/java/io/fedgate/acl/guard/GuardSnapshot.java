package io.fedgate.acl.guard;

import java.time.Instant;
import java.util.List;

/**
 * A read-only copy of the guard's state.
 *
 * @param at when it was taken
 * @param watchList blocked partners, oldest first
 * @param throttled partners that are suspicious or were throttled this period, by name
 * @param trackedPartners partners whose state is kept
 */
public record GuardSnapshot(
    Instant at, List<WatchEntry> watchList, List<PartnerStatus> throttled, int trackedPartners) {

  public GuardSnapshot {
    watchList = List.copyOf(watchList);
    throttled = List.copyOf(throttled);
  }
}
