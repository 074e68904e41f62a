package io.fedgate.sip.session;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * The NOTIFYs of one subscription dialog, sent one at a time (RFC 6665 §4.2.2: a notifier must not
 * have two NOTIFYs of a dialog outstanding, or they can arrive out of order): the next is sent
 * after the previous one's final response or timeout. Each NOTIFY carries the whole state of the
 * subscription, so when several wait only the latest is kept, except that a terminating one is
 * never replaced (nothing follows it). Holds no lock across I/O: the caller sends what {@link
 * #offer} and {@link #completed} return, outside of it.
 *
 * @param <T> the request type
 */
public final class NotifyQueue<T> {
  private final Predicate<T> terminal;
  private boolean inFlight;
  private T waiting;
  private long coalesced;

  /**
   * @param terminal whether a request ends the subscription (it is never coalesced away)
   */
  public NotifyQueue(Predicate<T> terminal) {
    this.terminal = terminal;
  }

  /** Queues a request; returns it when it is to be sent now (nothing is outstanding). */
  public synchronized Optional<T> offer(T request) {
    if (!inFlight) {
      inFlight = true;
      return Optional.of(request);
    }
    if (waiting != null && terminal.test(waiting)) {
      coalesced++;
      return Optional.empty();
    }
    if (waiting != null) {
      coalesced++;
    }
    waiting = request;
    return Optional.empty();
  }

  /**
   * The outstanding request got its final response (or timed out); returns the next one to send, if
   * one waits.
   */
  public synchronized Optional<T> completed() {
    T next = waiting;
    waiting = null;
    inFlight = next != null;
    return Optional.ofNullable(next);
  }

  /** How many queued requests were replaced by a later one (statistics, tests). */
  public synchronized long coalesced() {
    return coalesced;
  }
}
