package io.fedgate.xmpp.s2s;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.xmpp.aalto.AsyncStreamParser;
import io.fedgate.xmpp.stream.StreamEvent;
import io.fedgate.xmpp.stream.StreamLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Feeds raw XML, as a peer would write it, through the real stream parser into a state machine and
 * records what it answers, so the tests read like the wire.
 */
final class S2sWire {
  private final Function<S2sEvent, List<S2sAction>> machine;
  private AsyncStreamParser parser =
      new AsyncStreamParser(StreamLimits.DEFAULTS, Namespaces.SERVER);
  final List<S2sAction> actions = new ArrayList<>();

  S2sWire(Function<S2sEvent, List<S2sAction>> machine) {
    this.machine = machine;
  }

  /** The peer writes {@code xml}; answers what we sent back, concatenated. */
  String peer(String xml) {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    StringBuilder sent = new StringBuilder();
    for (StreamEvent event : parser.feed(bytes, 0, bytes.length)) {
      sent.append(on(new S2sEvent.Received(event)));
    }
    return sent.toString();
  }

  /** Any other event; restarts the parser when the machine says so. */
  String on(S2sEvent event) {
    List<S2sAction> out = machine.apply(event);
    actions.addAll(out);
    StringBuilder sent = new StringBuilder();
    for (S2sAction action : out) {
      if (action instanceof S2sAction.Send send) {
        sent.append(send.xml());
      } else if (action instanceof S2sAction.RestartStream
          || action instanceof S2sAction.StartTls) {
        parser = new AsyncStreamParser(StreamLimits.DEFAULTS, Namespaces.SERVER);
      }
    }
    return sent.toString();
  }

  boolean closed() {
    return actions.stream().anyMatch(a -> a instanceof S2sAction.Close);
  }

  <T extends S2sAction> List<T> all(Class<T> type) {
    return actions.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static String header(String from, String to) {
    return "<?xml version='1.0'?><stream:stream xmlns='jabber:server'"
        + " xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback'"
        + (from == null ? "" : " from='" + from + "'")
        + " to='"
        + to
        + "' version='1.0'>";
  }

  /** A certificate valid for exactly these domains. */
  static PeerCertificate validFor(String... domains) {
    List<String> ok = List.of(domains);
    return domain ->
        ok.contains(domain)
            ? new CertificateCheck(true, "TRUSTED", "test")
            : new CertificateCheck(false, "NAME_MISMATCH", "not " + domain);
  }
}
