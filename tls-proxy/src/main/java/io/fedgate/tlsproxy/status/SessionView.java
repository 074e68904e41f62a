package io.fedgate.tlsproxy.status;

import java.time.Instant;

/**
 * One line of {@code show tls-proxy sessions}: who connected where, with which TLS on each leg, and
 * how many bytes went each way.
 *
 * @param client the connecting peer (the partner for an inbound instance)
 * @param target where the proxy re-originated (the appliance for an inbound instance)
 * @param clientTls protocol and suite of the accepted leg, or empty before its handshake
 * @param targetTls protocol and suite of the re-originated leg, or empty before its handshake
 * @param clientSubject the subject of the client certificate
 * @param bytesFromClient bytes received from the client (after TLS)
 * @param bytesFromTarget bytes received from the target (after TLS)
 */
public record SessionView(
    long id,
    String instance,
    String client,
    String target,
    String clientTls,
    String targetTls,
    String clientSubject,
    long bytesFromClient,
    long bytesFromTarget,
    Instant since) {}
