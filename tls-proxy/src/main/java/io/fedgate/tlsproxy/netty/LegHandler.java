package io.fedgate.tlsproxy.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.function.Consumer;

/** The last handler of either leg: turns channel events into {@link Relay} calls. */
final class LegHandler extends ChannelInboundHandlerAdapter {
  private final Relay relay;
  private final boolean clientSide;
  private final Consumer<ChannelHandlerContext> onHandshake;

  /**
   * @param onHandshake what to do after this leg's handshake succeeded
   */
  LegHandler(Relay relay, boolean clientSide, Consumer<ChannelHandlerContext> onHandshake) {
    this.relay = relay;
    this.clientSide = clientSide;
    this.onHandshake = onHandshake;
  }

  private String leg() {
    return clientSide ? "client" : "target";
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    relay.data(clientSide, (ByteBuf) msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    relay.readComplete(clientSide);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    relay.writabilityChanged(clientSide);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent done) {
      if (done.isSuccess()) {
        onHandshake.accept(ctx);
      } else {
        relay.close(CloseReasons.of(leg(), done.cause()));
      }
    } else if (evt instanceof SslCloseCompletionEvent || evt instanceof ChannelInputShutdownEvent) {
      relay.inputClosed(clientSide);
    } else if (evt instanceof IdleStateEvent) {
      relay.close("idle-timeout");
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    boolean handshaken = ssl != null && ssl.handshakeFuture().isSuccess();
    relay.close(leg() + (handshaken ? " closed" : " closed during handshake"));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    relay.close(CloseReasons.of(leg(), cause));
  }
}
