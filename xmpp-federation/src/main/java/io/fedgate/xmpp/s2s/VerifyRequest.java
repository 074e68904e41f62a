package io.fedgate.xmpp.s2s;

/**
 * A key to check with the authoritative server of {@code pair.remote()} (XEP-0220 step 2): the
 * {@code db:verify from=pair.local() to=pair.remote() id=streamId} with the key as content.
 */
public record VerifyRequest(DomainPair pair, String streamId, String key) {}
