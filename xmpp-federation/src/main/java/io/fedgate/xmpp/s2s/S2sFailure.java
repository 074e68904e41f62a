package io.fedgate.xmpp.s2s;

import java.time.Instant;

/**
 * One recorded failure of a domain's S2S traffic.
 *
 * @param at when it happened
 * @param direction who had opened the stream
 * @param localDomain our domain of the pair (empty when not known yet)
 * @param remoteDomain the peer domain (as claimed, when it was not proven)
 * @param peerAddress the peer's {@code ip:port}, empty when no connection was made
 * @param reason the stable code
 * @param detail a sentence for the operator (certificate subjects, the condition, the target)
 */
public record S2sFailure(
    Instant at,
    Direction direction,
    String localDomain,
    String remoteDomain,
    String peerAddress,
    FailureReason reason,
    String detail) {}
