package io.fedgate.tlsproxy.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One static PAT entry (ASA 8.3+ {@code nat (inside,outside) static <public> service tcp <real>
 * <mapped>}): the inside node's real address and port seen from outside as the public address and
 * port. The whole table drives SIP inspection's address rewriting; mappings bound to an inbound
 * proxy instance are also where that instance listens (public) and connects (inside).
 *
 * @param instance the inbound proxy instance accepting on the public endpoint; empty for a mapping
 *     that is only translated (e.g. 5080, or 5060 for SIP over TCP)
 */
public record PatMapping(Endpoint inside, Endpoint outside, Optional<String> instance) {
  public PatMapping {
    Objects.requireNonNull(inside, "inside");
    Objects.requireNonNull(outside, "outside");
    Objects.requireNonNull(instance, "instance");
  }

  /** The endpoint of this mapping on a side. */
  public Endpoint on(Side side) {
    return side == Side.INSIDE ? inside : outside;
  }
}
