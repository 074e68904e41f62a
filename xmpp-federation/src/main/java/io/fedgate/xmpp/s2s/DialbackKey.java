package io.fedgate.xmpp.s2s;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The dialback key of XEP-0185 §3 (the recommended algorithm): {@code hex(HMAC-SHA256(key =
 * hex(SHA-256(secret)), data = receiving + ' ' + originating + ' ' + streamId))}, lowercase hex.
 * The vectors of PROTOCOL.md §7.2 are in {@code DialbackKeyTest}.
 */
public final class DialbackKey {
  private DialbackKey() {}

  /**
   * @param secret the dialback secret of the originating (authoritative) side
   * @param receiving the receiving server's domain (the 'to' of {@code db:result})
   * @param originating the originating (sender) domain (the 'from' of {@code db:result})
   * @param streamId the id of the stream the receiving server sent to the initiating server
   */
  public static String compute(
      String secret, String receiving, String originating, String streamId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      byte[] data =
          (receiving + " " + originating + " " + streamId).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(mac.doFinal(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 and HmacSHA256 are mandatory JCA algorithms", e);
    }
  }

  /** Constant-time comparison of a received key with the expected one. */
  public static boolean matches(
      String secret, String receiving, String originating, String streamId, String key) {
    byte[] expected =
        compute(secret, receiving, originating, streamId).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, key.trim().getBytes(StandardCharsets.US_ASCII));
  }
}
