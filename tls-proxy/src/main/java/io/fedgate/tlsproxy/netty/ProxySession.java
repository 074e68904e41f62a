package io.fedgate.tlsproxy.netty;

import io.fedgate.tlsproxy.acl.Flow;
import io.fedgate.tlsproxy.status.SessionView;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one proxied connection pair. Mutated only on its event loop (both legs share it);
 * the byte counters and the TLS descriptions are read by the sessions view from other threads.
 */
final class ProxySession {
  final long id;
  final InstanceRuntime instance;
  final String client;
  final String target;
  final Instant since;
  final AtomicLong bytesFromClient = new AtomicLong();
  final AtomicLong bytesFromTarget = new AtomicLong();
  volatile String clientTls = "";
  volatile String targetTls = "";
  volatile String clientSubject = "";
  Flow flow;
  boolean domainDecided;
  boolean clientInputClosed;
  boolean targetInputClosed;
  String closeReason;

  ProxySession(
      long id, InstanceRuntime instance, String client, String target, Flow flow, Instant since) {
    this.id = id;
    this.instance = instance;
    this.client = client;
    this.target = target;
    this.flow = flow;
    this.since = since;
  }

  SessionView view() {
    return new SessionView(
        id,
        instance.name(),
        client,
        target,
        clientTls,
        targetTls,
        clientSubject,
        bytesFromClient.get(),
        bytesFromTarget.get(),
        since);
  }

  @Override
  public String toString() {
    return "tls-proxy " + instance.name() + " session " + id + " " + client + " -> " + target;
  }
}
