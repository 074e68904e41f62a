package io.fedgate.certstore.pki;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Whether a certificate's public key belongs to a private key: sign a challenge and verify it. */
public final class KeyPairCheck {
  private static final byte[] CHALLENGE =
      "fedgate key pair check".getBytes(StandardCharsets.US_ASCII);

  private KeyPairCheck() {}

  public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
      return false;
    }
    try {
      String algorithm = KeyType.signatureAlgorithmFor(privateKey.getAlgorithm());
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(CHALLENGE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(CHALLENGE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
