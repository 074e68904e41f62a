package io.fedgate.xmpp.netty;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.C2sConfig;
import io.fedgate.xmpp.c2s.C2sNegotiation;
import io.fedgate.xmpp.c2s.ClientSession;
import io.fedgate.xmpp.c2s.LocalSessions;
import io.fedgate.xmpp.c2s.SaslStage;
import io.fedgate.xmpp.c2s.StanzaRouter;
import io.fedgate.xmpp.sasl.AuthThrottle;
import io.fedgate.xmpp.sasl.InMemoryCredentialStore;
import io.fedgate.xmpp.stream.StreamLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/** The C2S pipeline (decoder + connection handler) in an EmbeddedChannel: no sockets, no TLS. */
final class EmbeddedC2s {
  static final String HEADER =
      "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
          + " xmlns:stream='http://etherx.jabber.org/streams' to='local.test' version='1.0'>";

  final EmbeddedChannel channel;

  EmbeddedC2s(StreamLimits limits) {
    SecureRandom random = new SecureRandom();
    C2sConfig config = new C2sConfig("local.test", false, false, limits);
    StanzaRouter router =
        new StanzaRouter() {
          @Override
          public void route(XmlElement stanza, ClientSession sender) {}
        };
    C2sServices services =
        new C2sServices(
            config,
            new InMemoryCredentialStore(random, 4096),
            router,
            new LocalSessions(),
            AuthThrottle.defaults(Clock.systemUTC()),
            () -> {
              throw new IllegalStateException("no TLS in this test");
            },
            random);
    XmppStreamDecoder decoder = new XmppStreamDecoder(limits, Namespaces.CLIENT);
    SaslStage sasl =
        new SaslStage(config, services.credentials(), services.throttle(), random, "192.0.2.7");
    channel =
        new EmbeddedChannel(
            decoder,
            new C2sConnectionHandler(
                services, new C2sNegotiation(config, sasl, random), decoder, false));
  }

  EmbeddedC2s() {
    this(new StreamLimits(10_000, 1000, 16, Duration.ofMinutes(5)));
  }

  /** Writes the bytes in pieces of the given size. */
  EmbeddedC2s feed(String xml, int piece) {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length && channel.isOpen(); i += piece) {
      channel.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(piece, bytes.length - i)));
    }
    return this;
  }

  /** Everything the server wrote so far. */
  String output() {
    StringBuilder sb = new StringBuilder();
    for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
      ByteBuf buf = (ByteBuf) o;
      sb.append(buf.toString(StandardCharsets.UTF_8));
      buf.release();
    }
    return sb.toString();
  }
}
