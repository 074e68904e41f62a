package io.fedgate.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The client side of SCRAM (RFC 5802 §3), written from the RFC for tests. */
public final class ScramTestClient {
  private final ScramAlgorithm algorithm;
  private final String username;
  private final char[] password;
  private final String clientNonce;
  private String authMessage;
  private byte[] saltedPassword;

  public ScramTestClient(ScramAlgorithm algorithm, String username, String password, String nonce) {
    this.algorithm = algorithm;
    this.username = username;
    this.password = password.toCharArray();
    this.clientNonce = nonce;
  }

  public byte[] first() {
    return ("n,," + bare()).getBytes(StandardCharsets.UTF_8);
  }

  private String bare() {
    return "n=" + username + ",r=" + clientNonce;
  }

  /** client-final-message for this server-first-message. */
  public byte[] finalMessage(byte[] serverFirst) {
    String challenge = new String(serverFirst, StandardCharsets.UTF_8);
    String nonce = field(challenge, "r");
    byte[] salt = Base64.getDecoder().decode(field(challenge, "s"));
    int iterations = Integer.parseInt(field(challenge, "i"));
    String withoutProof = "c=biws,r=" + nonce;
    authMessage = bare() + "," + challenge + "," + withoutProof;
    saltedPassword = ScramCrypto.hi(algorithm, password, salt, iterations);
    byte[] clientKey = ScramCrypto.hmac(algorithm, saltedPassword, bytes("Client Key"));
    byte[] storedKey = ScramCrypto.hash(algorithm, clientKey);
    byte[] signature = ScramCrypto.hmac(algorithm, storedKey, bytes(authMessage));
    byte[] proof = new byte[clientKey.length];
    for (int i = 0; i < proof.length; i++) {
      proof[i] = (byte) (clientKey[i] ^ signature[i]);
    }
    return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The server-final-message this client expects. */
  public String expectedServerFinal() {
    byte[] serverKey = ScramCrypto.hmac(algorithm, saltedPassword, bytes("Server Key"));
    return "v="
        + Base64.getEncoder()
            .encodeToString(ScramCrypto.hmac(algorithm, serverKey, bytes(authMessage)));
  }

  private static String field(String message, String name) {
    for (String part : message.split(",")) {
      if (part.startsWith(name + "=")) {
        return part.substring(2);
      }
    }
    throw new IllegalArgumentException("no " + name + " in " + message);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
