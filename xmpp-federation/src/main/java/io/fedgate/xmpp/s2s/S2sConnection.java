package io.fedgate.xmpp.s2s;

import java.time.Instant;
import java.util.Optional;

/**
 * One authenticated domain pair on a live S2S stream, for the connection list of the CLI and the
 * admin pages. An inbound stream carrying several pairs (piggybacked domains) gives one row per
 * pair.
 *
 * @param localDomain our domain
 * @param remoteDomain the authenticated peer domain
 * @param direction who opened the stream
 * @param peerAddress the peer's {@code ip:port}
 * @param tlsVersion e.g. {@code TLSv1.3}; empty on a plain stream
 * @param cipherSuite e.g. {@code TLS_AES_256_GCM_SHA384}; empty on a plain stream
 * @param authMethod how the pair was authenticated
 * @param since when the pair was authenticated
 * @param stanzasIn stanzas received for the pair
 * @param stanzasOut stanzas sent for the pair
 */
public record S2sConnection(
    String localDomain,
    String remoteDomain,
    Direction direction,
    String peerAddress,
    Optional<String> tlsVersion,
    Optional<String> cipherSuite,
    AuthMethod authMethod,
    Instant since,
    long stanzasIn,
    long stanzasOut) {}
