package io.fedgate.certstore.pki;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals private keys for storage with the node's master key (AES-256-GCM), so that a copy of the
 * config database alone never yields a usable key. Sealed form: {@code version(1) | iv(12) |
 * ciphertext+tag}; the key algorithm is bound as associated data.
 */
public final class KeyProtector {
  private static final byte VERSION = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec masterKey;
  private final SecureRandom random;

  public KeyProtector(byte[] masterKey, SecureRandom random) {
    if (masterKey.length != 32) {
      throw new IllegalArgumentException("the master key must be 32 bytes");
    }
    this.masterKey = new SecretKeySpec(masterKey.clone(), "AES");
    this.random = random;
  }

  public byte[] seal(PrivateKey key) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    byte[] plain = key.getEncoded();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(key.getAlgorithm().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(plain);
      return ByteBuffer.allocate(1 + IV_BYTES + sealed.length)
          .put(VERSION)
          .put(iv)
          .put(sealed)
          .array();
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
    if (sealed.length < 1 + IV_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
      throw new GeneralSecurityException("not a sealed key of a known version");
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, sealed, 1, IV_BYTES));
    cipher.updateAAD(algorithm.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    byte[] plain = cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(plain));
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }
}
