package io.fedgate.certstore.pki;

import io.fedgate.core.crypto.MasterKeySeal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

/**
 * Seals private keys for storage with the node's master key ({@link MasterKeySeal}, AES-256-GCM),
 * so that a copy of the config database alone never yields a usable key. The key algorithm is bound
 * as associated data.
 */
public final class KeyProtector {
  private final MasterKeySeal seal;

  public KeyProtector(byte[] masterKey, SecureRandom random) {
    this.seal = new MasterKeySeal(masterKey, random);
  }

  public byte[] seal(PrivateKey key) {
    byte[] plain = key.getEncoded();
    try {
      return seal.seal(label(key.getAlgorithm()), plain);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a private key", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * @param algorithm the key algorithm ("RSA", "EC") the key was sealed with
   * @throws GeneralSecurityException when the data was not sealed with this master key or was
   *     altered
   */
  public PrivateKey open(byte[] sealed, String algorithm) throws GeneralSecurityException {
    byte[] plain = seal.open(label(algorithm), sealed);
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(plain));
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private static byte[] label(String algorithm) {
    return algorithm.getBytes(StandardCharsets.US_ASCII);
  }
}
