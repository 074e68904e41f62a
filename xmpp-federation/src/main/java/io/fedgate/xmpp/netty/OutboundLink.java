package io.fedgate.xmpp.netty;

import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.s2s.AuthMethod;
import io.fedgate.xmpp.s2s.DomainPair;
import io.fedgate.xmpp.s2s.FailureReason;
import io.fedgate.xmpp.s2s.S2sOutbound;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The outbound stream of one domain pair: opened on demand, reused while it lives, stanzas queued
 * while it is negotiated. After a failure the queue is bounced and new stanzas fail at once with
 * the same condition until the back-off (1 s doubling to 60 s, reset by a success) has passed; the
 * next stanza after it reconnects. All state is touched on {@link #loop} only.
 */
final class OutboundLink implements OutboundListener {
  static final int MAX_QUEUE = 1_000;
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  private enum State {
    IDLE,
    CONNECTING,
    READY
  }

  private record Queued(XmlElement stanza, Consumer<String> failed) {}

  private final S2sService service;
  private final DomainPair pair;
  private final EventLoop loop;
  private final Deque<Queued> queue = new ArrayDeque<>();
  private State state = State.IDLE;
  private S2sOutboundHandler handler;
  private Duration backoff = Duration.ZERO;
  private long retryAt;
  private String lastBounce = "remote-server-not-found";

  OutboundLink(S2sService service, DomainPair pair, EventLoop loop) {
    this.service = service;
    this.pair = pair;
    this.loop = loop;
  }

  EventLoop loop() {
    return loop;
  }

  /** On {@link #loop}. */
  void send(XmlElement stanza, Consumer<String> failed) {
    if (state == State.READY && handler != null && handler.isOpen()) {
      handler.write(stanza);
      return;
    }
    if (state == State.READY) {
      state = State.IDLE;
      handler = null;
    }
    if (state == State.IDLE && System.nanoTime() - retryAt < 0) {
      failed.accept(lastBounce);
      return;
    }
    if (queue.size() >= MAX_QUEUE) {
      failed.accept("resource-constraint");
      return;
    }
    queue.add(new Queued(stanza, failed));
    if (state == State.IDLE) {
      state = State.CONNECTING;
      new OutboundAttempt(
              service,
              loop,
              pair,
              () ->
                  new S2sOutbound(
                      service.settingsNow(),
                      service.services().partners().apply(pair.remote()),
                      pair,
                      service.services().admission(),
                      List.of()),
              this)
          .start();
    }
  }

  @Override
  public void ready(S2sOutboundHandler ready, AuthMethod method) {
    handler = ready;
    state = State.READY;
    backoff = Duration.ZERO;
    while (!queue.isEmpty()) {
      handler.write(queue.poll().stanza());
    }
  }

  @Override
  public void failed(FailureReason reason, String detail, String bounce) {
    if (bounce.isEmpty()) {
      return;
    }
    state = State.IDLE;
    handler = null;
    lastBounce = bounce;
    backoff = backoff.isZero() ? FIRST_BACKOFF : min(backoff.multipliedBy(2), MAX_BACKOFF);
    retryAt = System.nanoTime() + backoff.toNanos();
    bounceAll(bounce);
  }

  @Override
  public void closed(S2sOutboundHandler closed) {
    if (closed == handler) {
      handler = null;
      state = State.IDLE;
    }
    if (state != State.READY && !queue.isEmpty() && handler == null && state != State.CONNECTING) {
      bounceAll("remote-server-timeout");
    }
  }

  /** The service stops: everything queued fails. On {@link #loop}. */
  void shutdown() {
    bounceAll("remote-server-timeout");
    if (handler != null) {
      handler.closeGracefully();
    }
    state = State.IDLE;
  }

  private void bounceAll(String condition) {
    List<Queued> failing = new ArrayList<>(queue);
    queue.clear();
    failing.forEach(q -> q.failed().accept(condition));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
