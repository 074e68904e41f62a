package io.fedgate.acl.policy;

/**
 * Which packets a policy exception applies to (IM&amp;P: to/from, only incoming, only outgoing).
 */
public enum ExceptionDirection {
  INCOMING,
  OUTGOING,
  BOTH;

  /** Whether an exception with this direction applies to the given traffic. */
  public boolean covers(TrafficDirection traffic) {
    return switch (this) {
      case BOTH -> true;
      case INCOMING -> traffic == TrafficDirection.INCOMING;
      case OUTGOING -> traffic == TrafficDirection.OUTGOING;
    };
  }

  /** Whether two exception directions share any traffic. */
  public boolean overlaps(ExceptionDirection other) {
    return this == BOTH || other == BOTH || this == other;
  }
}
