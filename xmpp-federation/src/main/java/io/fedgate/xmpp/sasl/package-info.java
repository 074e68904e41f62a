/**
 * SASL for C2S, as pure values: SCRAM-SHA-256/SHA-1 server exchanges (RFC 5802, RFC 7677), stored
 * credentials and their derivation from a password, the {@link
 * io.fedgate.xmpp.sasl.CredentialStore} port and failure throttling with an injected clock. No I/O.
 */
package io.fedgate.xmpp.sasl;
