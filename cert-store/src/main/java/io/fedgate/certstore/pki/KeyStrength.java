package io.fedgate.certstore.pki;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;

/**
 * Algorithm and size of a key, and whether fedgate accepts it for an identity: RSA of at least 2048
 * bits or EC of at least 256 bits.
 */
public record KeyStrength(String algorithm, int bits) {
  public static final int MIN_RSA_BITS = 2048;
  public static final int MIN_EC_BITS = 256;

  public static KeyStrength of(Key key) {
    if (key instanceof RSAKey rsa) {
      return new KeyStrength("RSA", rsa.getModulus().bitLength());
    }
    if (key instanceof ECKey ec) {
      return new KeyStrength("EC", ec.getParams().getCurve().getField().getFieldSize());
    }
    return new KeyStrength(key.getAlgorithm(), 0);
  }

  public boolean acceptable() {
    return switch (algorithm) {
      case "RSA" -> bits >= MIN_RSA_BITS;
      case "EC" -> bits >= MIN_EC_BITS;
      default -> false;
    };
  }

  @Override
  public String toString() {
    return algorithm + " " + bits;
  }
}
