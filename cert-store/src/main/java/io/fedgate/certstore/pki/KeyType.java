package io.fedgate.certstore.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** Key pairs fedgate generates for CSRs. RSA 2048 is what Lync and IM&P expect by default. */
public enum KeyType {
  RSA_2048("RSA", 2048, "SHA256withRSA"),
  RSA_3072("RSA", 3072, "SHA256withRSA"),
  RSA_4096("RSA", 4096, "SHA256withRSA"),
  EC_P256("EC", 256, "SHA256withECDSA"),
  EC_P384("EC", 384, "SHA384withECDSA");

  private final String algorithm;
  private final int bits;
  private final String signatureAlgorithm;

  KeyType(String algorithm, int bits, String signatureAlgorithm) {
    this.algorithm = algorithm;
    this.bits = bits;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  public String algorithm() {
    return algorithm;
  }

  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  public KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if ("EC".equals(algorithm)) {
        generator.initialize(new ECGenParameterSpec("secp" + bits + "r1"), random);
      } else {
        generator.initialize(bits, random);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + this + " key pair", e);
    }
  }

  /** The signature algorithm that goes with a private key of the given JCA algorithm. */
  public static String signatureAlgorithmFor(String keyAlgorithm) {
    return "EC".equals(keyAlgorithm) ? "SHA256withECDSA" : "SHA256withRSA";
  }
}
