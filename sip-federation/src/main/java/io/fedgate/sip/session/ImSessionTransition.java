package io.fedgate.sip.session;

import java.util.List;

/** One step of {@link ImSession}: the next state and the actions to perform, in order. */
public record ImSessionTransition(ImSessionState state, List<ImSessionAction> actions) {
  public ImSessionTransition {
    actions = List.copyOf(actions);
  }

  static ImSessionTransition of(ImSessionState state, ImSessionAction... actions) {
    return new ImSessionTransition(state, List.of(actions));
  }
}
