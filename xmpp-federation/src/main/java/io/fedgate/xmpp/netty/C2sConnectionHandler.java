package io.fedgate.xmpp.netty;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.xmpp.c2s.C2sAction;
import io.fedgate.xmpp.c2s.C2sEvent;
import io.fedgate.xmpp.c2s.C2sNegotiation;
import io.fedgate.xmpp.c2s.C2sState;
import io.fedgate.xmpp.c2s.Transition;
import io.fedgate.xmpp.stream.StreamError;
import io.fedgate.xmpp.stream.StreamErrorCondition;
import io.fedgate.xmpp.stream.StreamEvent;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One client connection: feeds decoded stream events to {@link C2sNegotiation} and performs the
 * actions it returns (write, STARTTLS, restart, bind, route, stream management, close). All state
 * is touched on the channel's event loop only; {@link #write}, {@link #close} and {@link #drop} may
 * be called from any thread. Once bound, the connection carries a {@link StreamSession}, which the
 * router sees and which may outlive it (XEP-0198 resumption).
 */
public final class C2sConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(C2sConnectionHandler.class);

  private final C2sServices services;
  private final C2sNegotiation negotiation;
  private final XmppStreamDecoder decoder;
  private C2sState state;
  private StreamSession session;
  private volatile Channel channel;
  private ChannelHandlerContext context;
  private String peer = "";
  private boolean reading;

  /** Stanzas written from other threads, waiting for {@link #flushQueued} on the event loop. */
  private final Queue<String> outbox = new ConcurrentLinkedQueue<>();

  private final AtomicBoolean flushScheduled = new AtomicBoolean();

  public C2sConnectionHandler(
      C2sServices services,
      C2sNegotiation negotiation,
      XmppStreamDecoder decoder,
      boolean directTls) {
    this.services = services;
    this.negotiation = negotiation;
    this.decoder = decoder;
    this.state = C2sNegotiation.initial(directTls);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.context = ctx;
    this.channel = ctx.channel();
    this.peer = String.valueOf(channel.remoteAddress());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof StreamEvent event) {
      reading = true; // flushed once in channelReadComplete, not per stanza
      apply(new C2sEvent.Received(event));
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (reading) {
      reading = false;
      ctx.flush();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent idle) {
      apply(new C2sEvent.Idle(idle.isFirst()));
    } else if (evt instanceof SslHandshakeCompletionEvent done) {
      if (done.isSuccess()) {
        apply(new C2sEvent.TlsEstablished());
      } else {
        LOG.debug(
            "TLS handshake failed from {}: {}", channel.remoteAddress(), done.cause().toString());
        ctx.close();
      }
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    state = new C2sState.Ended();
    if (session != null) {
      session.detach(this, ctx.channel().eventLoop(), services.config().resumptionTimeout());
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn("connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    if (!(state instanceof C2sState.Ended) && ctx.channel().isActive()) {
      close(new StreamError(StreamErrorCondition.INTERNAL_SERVER_ERROR, "internal error"));
    } else {
      ctx.close();
    }
  }

  /** One event, with the MDC keys of STYLE.md set for whatever is logged meanwhile. */
  private void apply(C2sEvent event) {
    MDC.put("peer", peer);
    MDC.put("proto", "c2s");
    MDC.put("conn", channel.id().asShortText());
    try {
      step(event);
    } finally {
      MDC.remove("peer");
      MDC.remove("proto");
      MDC.remove("conn");
    }
  }

  private void step(C2sEvent event) {
    Transition transition = negotiation.next(state, event);
    state = transition.state();
    for (C2sAction action : transition.actions()) {
      perform(action);
    }
    if (!reading) {
      context.flush();
    }
  }

  private void perform(C2sAction action) {
    if (action instanceof C2sAction.Send send) {
      context.write(Unpooled.copiedBuffer(send.xml(), StandardCharsets.UTF_8));
    } else if (action instanceof C2sAction.StartTls) {
      startTls();
    } else if (action instanceof C2sAction.RestartStream) {
      decoder.restart();
    } else if (action instanceof C2sAction.BindResource bind) {
      Jid jid = new Jid(bind.user(), services.config().domain(), bind.resource());
      session = new StreamSession(jid, services, this);
      services.sessions().bind(session);
      LOG.debug("bound {} from {}", jid, channel.remoteAddress());
      step(new C2sEvent.ResourceBound(jid, bind.iqId()));
    } else if (action instanceof C2sAction.Deliver deliver) {
      session.deliver(deliver.stanza());
    } else if (action instanceof C2sAction.Route route) {
      services.router().route(route.stanza(), session);
    } else if (action instanceof C2sAction.Close) {
      if (session != null) {
        session.closing();
      }
      context.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    } else {
      streamManagement(action);
    }
  }

  /** XEP-0198 and XEP-0280 actions, which act on the bound session. */
  private void streamManagement(C2sAction action) {
    if (action instanceof C2sAction.Handled) {
      session.handledOne();
    } else if (action instanceof C2sAction.EnableStreamManagement enable) {
      send(
          session.enable(
              enable.resume(), services.config().resumptionTimeout(), services.random()));
    } else if (action instanceof C2sAction.AckRequested) {
      session.ackAnswer().ifPresent(this::send);
    } else if (action instanceof C2sAction.Acknowledged ack) {
      if (!session.acknowledge(ack.h())) {
        state = new C2sState.Ended();
        session.closing();
        context
            .writeAndFlush(
                Unpooled.copiedBuffer(
                    new StreamError(
                                StreamErrorCondition.UNDEFINED_CONDITION,
                                "acknowledged more stanzas than were sent")
                            .toXml()
                        + "</stream:stream>",
                    StandardCharsets.UTF_8))
            .addListener(ChannelFutureListener.CLOSE);
      }
    } else if (action instanceof C2sAction.Resume resume) {
      StreamSession resumed =
          services
              .sessions()
              .resumable(resume.previd())
              .filter(StreamSession.class::isInstance)
              .map(StreamSession.class::cast)
              .filter(s -> s.resume(this, resume.user(), resume.h()))
              .orElse(null);
      if (resumed != null) {
        session = resumed;
        LOG.debug("resumed {} from {}", resumed.jid(), channel.remoteAddress());
      }
      step(new C2sEvent.Resumed(Optional.ofNullable(resumed).map(StreamSession::jid)));
    } else if (action instanceof C2sAction.Carbons carbons) {
      session.carbons(carbons.enabled());
    }
  }

  private void send(String xml) {
    context.write(ByteBufUtil.writeUtf8(context.alloc(), xml));
  }

  /** RFC 6120 §5.4.3.3; if no engine can be made, §5.4.2.2: failure, then close. */
  private void startTls() {
    SSLEngine engine;
    try {
      engine = services.tlsEngines().get();
    } catch (RuntimeException e) {
      LOG.warn("cannot start TLS for {}: {}", channel.remoteAddress(), e.toString());
      state = new C2sState.Ended();
      context.write(
          Unpooled.copiedBuffer(
              "<failure xmlns='" + Namespaces.TLS + "'/></stream:stream>", StandardCharsets.UTF_8));
      context.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    context.flush();
    context.pipeline().addFirst("tls", new SslHandler(engine));
    decoder.restart();
  }

  /**
   * Writes this XML to the client, from any thread. Writes are queued here and flushed together by
   * one task on the event loop: a burst of stanzas for one client becomes one flush (one TLS record
   * and one system call) instead of one task, record and system call per stanza. On the event loop
   * the queue is written first, so the order of writes from one thread is kept.
   */
  void write(String xml) {
    if (channel.eventLoop().inEventLoop()) {
      writeQueued();
      channel.write(ByteBufUtil.writeUtf8(channel.alloc(), xml));
    } else {
      outbox.add(xml);
    }
    if (flushScheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(this::flushQueued);
    }
  }

  private void flushQueued() {
    flushScheduled.set(false);
    writeQueued();
    channel.flush();
  }

  private void writeQueued() {
    String xml;
    while ((xml = outbox.poll()) != null) {
      channel.write(ByteBufUtil.writeUtf8(channel.alloc(), xml));
    }
  }

  /** Closes the connection without a word (another connection resumed its session). */
  void drop() {
    channel.eventLoop().execute(() -> state = new C2sState.Ended());
    channel.close();
  }

  /** Ends the stream with this error and closes the connection. */
  void close(StreamError error) {
    channel
        .eventLoop()
        .execute(
            () -> {
              state = new C2sState.Ended();
              channel
                  .writeAndFlush(
                      Unpooled.copiedBuffer(
                          error.toXml() + "</stream:stream>", StandardCharsets.UTF_8))
                  .addListener(ChannelFutureListener.CLOSE);
            });
  }
}
