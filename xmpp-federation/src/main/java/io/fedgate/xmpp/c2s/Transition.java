package io.fedgate.xmpp.c2s;

import io.fedgate.xmpp.stream.StreamError;
import io.fedgate.xmpp.stream.StreamErrorCondition;
import java.util.List;

/** The result of one step of {@link C2sNegotiation}: the next state and the actions to perform. */
public record Transition(C2sState state, List<C2sAction> actions) {

  public Transition {
    actions = List.copyOf(actions);
  }

  /** The same transition with one more action at the end. */
  Transition then(C2sAction action) {
    List<C2sAction> more = new java.util.ArrayList<>(actions);
    more.add(action);
    return new Transition(state, more);
  }

  static Transition stay(C2sState state, C2sAction... actions) {
    return new Transition(state, List.of(actions));
  }

  /** Ends the stream with an error (RFC 6120 §4.9.1.1): error, close tag, close connection. */
  static Transition fail(StreamErrorCondition condition, String text) {
    return failWith("", new StreamError(condition, text));
  }

  /** As {@link #fail} but first sends {@code header}, when no response header was sent yet. */
  static Transition failWith(String header, StreamError error) {
    return new Transition(
        new C2sState.Ended(),
        List.of(new C2sAction.Send(header + Replies.streamError(error)), new C2sAction.Close()));
  }
}
