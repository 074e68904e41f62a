package io.fedgate.xmpp.netty;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.xmpp.dns.DnsLookupException;
import io.fedgate.xmpp.dns.SrvTarget;
import io.fedgate.xmpp.s2s.DomainPair;
import io.fedgate.xmpp.s2s.FailureReason;
import io.fedgate.xmpp.s2s.S2sOutbound;
import io.fedgate.xmpp.s2s.S2sSettings;
import io.fedgate.xmpp.s2s.TestStep;
import io.fedgate.xmpp.s2s.TestStep.Outcome;
import io.fedgate.xmpp.s2s.TestStep.Step;
import io.fedgate.xmpp.s2s.VerifyRequest;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * DNS, then TCP to each target and address in order until one connects, then the S2S pipeline with
 * a fresh {@link S2sOutbound}. Everything after the lookups runs on {@code loop}.
 */
final class OutboundAttempt {
  private final S2sService service;
  private final EventLoop loop;
  private final DomainPair pair;
  private final Supplier<S2sOutbound> machines;
  private final OutboundListener listener;
  private String lastError = "";
  private boolean timedOut;

  OutboundAttempt(
      S2sService service,
      EventLoop loop,
      DomainPair pair,
      Supplier<S2sOutbound> machines,
      OutboundListener listener) {
    this.service = service;
    this.loop = loop;
    this.pair = pair;
    this.machines = machines;
    this.listener = listener;
  }

  static OutboundAttempt verify(
      S2sService service, EventLoop loop, VerifyRequest request, OutboundListener listener) {
    return new OutboundAttempt(
        service,
        loop,
        request.pair(),
        () ->
            new S2sOutbound(
                service.settingsNow(),
                service.services().partners().apply(request.pair().remote()),
                request.pair(),
                service.services().admission(),
                List.of(request)),
        listener);
  }

  void start() {
    service
        .services()
        .resolver()
        .targets(pair.remote())
        .whenCompleteAsync(
            (targets, failure) -> {
              if (failure != null) {
                DnsLookupException dns = dnsFailure(failure);
                listener.progress(new TestStep(Step.DNS, Outcome.FAILED, dns.getMessage()));
                fail(
                    dns.notFound() ? FailureReason.DNS_NOT_FOUND : FailureReason.DNS_FAILED,
                    dns.getMessage(),
                    dns.notFound() ? "remote-server-not-found" : "remote-server-timeout");
                return;
              }
              listener.progress(new TestStep(Step.DNS, Outcome.PASSED, targets.toString()));
              tryTarget(targets, 0);
            },
            loop);
  }

  private void tryTarget(List<SrvTarget> targets, int index) {
    if (index >= targets.size()) {
      listener.progress(new TestStep(Step.TCP, Outcome.FAILED, lastError));
      fail(
          timedOut ? FailureReason.CONNECT_TIMEOUT : FailureReason.CONNECT_FAILED,
          "no target of " + pair.remote() + " accepted a connection: " + lastError,
          timedOut ? "remote-server-timeout" : "remote-server-not-found");
      return;
    }
    SrvTarget target = targets.get(index);
    service
        .services()
        .resolver()
        .addresses(target.host())
        .whenCompleteAsync(
            (addresses, failure) -> {
              if (failure != null) {
                lastError = target + ": " + dnsFailure(failure).getMessage();
                tryTarget(targets, index + 1);
              } else {
                tryAddress(targets, index, addresses, 0);
              }
            },
            loop);
  }

  private void tryAddress(
      List<SrvTarget> targets, int index, List<InetAddress> addresses, int next) {
    if (next >= addresses.size()) {
      tryTarget(targets, index + 1);
      return;
    }
    SrvTarget target = targets.get(index);
    InetSocketAddress address = new InetSocketAddress(addresses.get(next), target.port());
    S2sSettings settings = service.settingsNow();
    S2sTls tls = service.tls();
    ChannelFuture connect =
        new Bootstrap()
            .group(loop)
            .channel(NioSocketChannel.class)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    XmppStreamDecoder decoder =
                        new XmppStreamDecoder(settings.limits(), Namespaces.SERVER);
                    if (target.directTls()) {
                      ch.pipeline()
                          .addLast(
                              "tls",
                              new SslHandler(
                                  tls.clientEngine(pair.remote(), target.host(), target.port())));
                    }
                    ch.pipeline()
                        .addLast(
                            "idle",
                            new IdleStateHandler(
                                0,
                                S2sOutboundHandler.keepAlive(settings.idleTimeout()).toMillis(),
                                0,
                                TimeUnit.MILLISECONDS))
                        .addLast("xml", decoder)
                        .addLast(
                            "s2s",
                            new S2sOutboundHandler(
                                service,
                                machines.get(),
                                decoder,
                                tls,
                                target.directTls(),
                                target.host(),
                                target.port(),
                                listener));
                    service.track(ch);
                  }
                })
            .connect(address);
    connect.addListener(
        f -> {
          if (f.isSuccess()) {
            listener.progress(
                new TestStep(
                    Step.TCP,
                    Outcome.PASSED,
                    "connected to " + S2sInboundHandler.address(address) + " (" + target + ")"));
            return;
          }
          timedOut |= f.cause() instanceof ConnectTimeoutException;
          lastError = S2sInboundHandler.address(address) + ": " + f.cause().getMessage();
          tryAddress(targets, index, addresses, next + 1);
        });
  }

  private void fail(FailureReason reason, String detail, String bounce) {
    service
        .registry()
        .failure(
            io.fedgate.xmpp.s2s.Direction.OUTBOUND,
            pair.local(),
            pair.remote(),
            "",
            reason,
            detail);
    listener.progress(new TestStep(Step.RESULT, Outcome.FAILED, "[" + reason + "] " + detail));
    listener.failed(reason, detail, bounce);
  }

  private static DnsLookupException dnsFailure(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof DnsLookupException dns
        ? dns
        : new DnsLookupException("DNS lookup failed: " + t, false);
  }
}
