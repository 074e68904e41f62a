package io.fedgate.xmpp.sasl;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/** The RFC 5802 §2.2 functions Hi(), HMAC() and H() for one {@link ScramAlgorithm}. */
final class ScramCrypto {
  private ScramCrypto() {}

  static byte[] hi(ScramAlgorithm algorithm, char[] password, byte[] salt, int iterations) {
    try {
      var spec = new PBEKeySpec(password, salt, iterations, algorithm.length() * 8);
      return SecretKeyFactory.getInstance(algorithm.pbkdf2()).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2 unavailable for " + algorithm, e);
    }
  }

  static byte[] hmac(ScramAlgorithm algorithm, byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm.hmac());
      mac.init(new SecretKeySpec(key, algorithm.hmac()));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC unavailable for " + algorithm, e);
    }
  }

  static byte[] hash(ScramAlgorithm algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm.digest()).digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("digest unavailable for " + algorithm, e);
    }
  }
}
