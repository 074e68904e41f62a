package io.fedgate.sip.gate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The SIP Proxy's flood throttle: every inbound request counts against its peer's (source IP
 * address's) rate, whatever the sender's domain, like a SIP proxy's per-source rate limit. A token
 * bucket per peer: {@code rate} requests per second, bursts up to two seconds' worth; a request
 * without a token is refused (503 with Retry-After, so the peer backs off) and costs nothing more,
 * and the other peers are served as usual. The rate is read at every request (a live parameter); 0
 * turns the throttle off. Thread-safe, never blocks (one short lock per peer).
 */
public final class PeerFloodThrottle {
  private static final long SECOND = 1_000_000_000L;
  private static final int MAX_IDLE_PEERS = 4096;

  private final IntSupplier rate;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param rate requests per second allowed per peer (0 = no limit)
   * @param nanoTime the clock ({@code System::nanoTime}; a fake one in tests)
   */
  public PeerFloodThrottle(IntSupplier rate, LongSupplier nanoTime) {
    this.rate = rate;
    this.nanoTime = nanoTime;
  }

  /** What {@link #check} decided. */
  public sealed interface Verdict permits Verdict.Allowed, Verdict.Throttled {
    /** The request may go on. */
    record Allowed() implements Verdict {}

    /**
     * Over the rate: refuse with Retry-After; {@code first} for the first refusal since the peer
     * last had a request allowed (log that one only).
     */
    record Throttled(int ratePerSecond, Duration retryAfter, boolean first) implements Verdict {}
  }

  private static final Verdict ALLOWED = new Verdict.Allowed();

  /** Counts one request of {@code peer}. */
  public Verdict check(String peer) {
    int perSecond = rate.getAsInt();
    if (perSecond <= 0) {
      return ALLOWED;
    }
    long now = nanoTime.getAsLong();
    if (buckets.size() > MAX_IDLE_PEERS) {
      buckets.values().removeIf(b -> b.idleSince(now, 60 * SECOND));
    }
    Bucket bucket = buckets.computeIfAbsent(peer, k -> new Bucket(now, 2.0 * perSecond));
    return bucket.take(now, perSecond);
  }

  /** Peers with a bucket (tests, status). */
  int trackedPeers() {
    return buckets.size();
  }

  private static final class Bucket {
    private double tokens;
    private long last;
    private boolean throttled;

    Bucket(long now, double tokens) {
      this.last = now;
      this.tokens = tokens;
    }

    synchronized boolean idleSince(long now, long idle) {
      return now - last > idle;
    }

    synchronized Verdict take(long now, int perSecond) {
      double capacity = 2.0 * perSecond;
      tokens = Math.min(capacity, tokens + (now - last) * (double) perSecond / SECOND);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        throttled = false;
        return ALLOWED;
      }
      boolean first = !throttled;
      throttled = true;
      long waitNanos = (long) Math.ceil((1 - tokens) * SECOND / perSecond);
      long seconds = Math.max(1, (waitNanos + SECOND - 1) / SECOND);
      return new Verdict.Throttled(perSecond, Duration.ofSeconds(seconds), first);
    }
  }
}
