package io.fedgate.xmpp.netty;

import io.fedgate.xmpp.aalto.AsyncStreamParser;
import io.fedgate.xmpp.stream.StreamEvent;
import io.fedgate.xmpp.stream.StreamLimits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.List;

/**
 * Inbound handler: bytes in, {@link StreamEvent}s out. {@link #restart()} starts a fresh parser for
 * a stream restart (RFC 6120 §4.3.3: after STARTTLS and after SASL); events of the old stream still
 * pending from the same read are dropped.
 */
public final class XmppStreamDecoder extends ChannelInboundHandlerAdapter {
  private final StreamLimits limits;
  private final String contentNamespace;
  private AsyncStreamParser parser;
  private long generation;

  public XmppStreamDecoder(StreamLimits limits, String contentNamespace) {
    this.limits = limits;
    this.contentNamespace = contentNamespace;
    this.parser = new AsyncStreamParser(limits, contentNamespace);
  }

  /** Forgets the current stream; the next bytes must open a new one. */
  public void restart() {
    parser = new AsyncStreamParser(limits, contentNamespace);
    generation++;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf buf)) {
      ctx.fireChannelRead(msg);
      return;
    }
    List<StreamEvent> events;
    try {
      byte[] bytes = new byte[buf.readableBytes()];
      buf.readBytes(bytes);
      events = parser.feed(bytes, 0, bytes.length);
    } finally {
      buf.release();
    }
    long current = generation;
    for (StreamEvent event : events) {
      if (generation != current) {
        return;
      }
      ctx.fireChannelRead(event);
    }
  }
}
