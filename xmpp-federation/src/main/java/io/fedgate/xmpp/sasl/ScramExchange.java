package io.fedgate.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The server side of one SCRAM exchange (RFC 5802 §5, RFC 7677), without channel binding: a client
 * asking for it ({@code p=}) gets {@code malformed-request}. An unknown user gets a plausible
 * challenge and fails at the proof like a wrong password, so accounts cannot be probed.
 */
public final class ScramExchange {
  private final ScramAlgorithm algorithm;
  private final String username;
  private final Optional<ScramCredentials> credentials;
  private final String gs2Header;
  private final String clientFirstBare;
  private final String serverFirst;
  private final String nonce;

  private ScramExchange(
      ScramAlgorithm algorithm,
      String username,
      Optional<ScramCredentials> credentials,
      String gs2Header,
      String clientFirstBare,
      String serverFirst,
      String nonce) {
    this.algorithm = algorithm;
    this.username = username;
    this.credentials = credentials;
    this.gs2Header = gs2Header;
    this.clientFirstBare = clientFirstBare;
    this.serverFirst = serverFirst;
    this.nonce = nonce;
  }

  /** Handles client-first-message; answers server-first-message as a challenge. */
  public static SaslStep start(
      ScramAlgorithm algorithm, byte[] clientFirst, CredentialStore store, SecureRandom random) {
    String message = new String(clientFirst, StandardCharsets.UTF_8);
    Optional<ScramMessages.ClientFirst> parsed = ScramMessages.parseClientFirst(message);
    if (parsed.isEmpty()) {
      return new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST, "bad client-first-message");
    }
    ScramMessages.ClientFirst first = parsed.get();
    // usernames are JID localparts, compared case-insensitively
    String username = first.username().toLowerCase(java.util.Locale.ROOT);
    Optional<ScramCredentials> credentials = store.lookup(username, algorithm);
    byte[] salt = credentials.map(ScramCredentials::salt).orElseGet(() -> randomBytes(random));
    int iterations =
        credentials.map(ScramCredentials::iterations).orElse(ScramCredentials.DEFAULT_ITERATIONS);
    String nonce = first.nonce() + Base64.getEncoder().encodeToString(randomBytes(random));
    String serverFirst =
        "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
    ScramExchange next =
        new ScramExchange(
            algorithm, username, credentials, first.gs2Header(), first.bare(), serverFirst, nonce);
    return new SaslStep.Challenge(serverFirst.getBytes(StandardCharsets.UTF_8), next);
  }

  public String username() {
    return username;
  }

  /** Handles client-final-message: verifies the proof, answers server-final-message. */
  public SaslStep finish(byte[] clientFinal) {
    String message = new String(clientFinal, StandardCharsets.UTF_8);
    Optional<ScramMessages.ClientFinal> parsed = ScramMessages.parseClientFinal(message);
    if (parsed.isEmpty()) {
      return new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST, "bad client-final-message");
    }
    ScramMessages.ClientFinal last = parsed.get();
    String expectedBinding =
        Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
    if (!last.channelBinding().equals(expectedBinding) || !last.nonce().equals(nonce)) {
      return new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST, "nonce or binding mismatch");
    }
    if (credentials.isEmpty()) {
      return new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, "authentication failed");
    }
    ScramCredentials keys = credentials.get();
    byte[] authMessage =
        (clientFirstBare + "," + serverFirst + "," + last.withoutProof())
            .getBytes(StandardCharsets.UTF_8);
    byte[] clientSignature = ScramCrypto.hmac(algorithm, keys.storedKey(), authMessage);
    byte[] clientKey = xor(last.proof(), clientSignature);
    if (clientKey.length != algorithm.length()
        || !MessageDigest.isEqual(ScramCrypto.hash(algorithm, clientKey), keys.storedKey())) {
      return new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, "authentication failed");
    }
    byte[] serverSignature = ScramCrypto.hmac(algorithm, keys.serverKey(), authMessage);
    String serverFinal = "v=" + Base64.getEncoder().encodeToString(serverSignature);
    return new SaslStep.Success(username, serverFinal.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] xor(byte[] a, byte[] b) {
    if (a.length != b.length) {
      return new byte[0];
    }
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }

  private static byte[] randomBytes(SecureRandom random) {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    return bytes;
  }
}
