package io.fedgate.core.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals bytes kept in the config database with the node master key: AES-256-GCM with a random
 * 96-bit IV and a caller-chosen label bound as associated data, so that a copy of the database
 * alone never yields the plaintext and a sealed value cannot be opened under another label. Sealed
 * form: {@code version(1) | iv(12) | ciphertext+tag(16)}.
 *
 * <p>cert-store seals private keys with it (label: the key algorithm) and the appliance seals short
 * secrets such as the dialback secret (label: the secret's purpose). The format is stored in
 * existing databases: it never changes without a new version byte.
 */
public final class MasterKeySeal {
  private static final byte VERSION = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final SecretKeySpec masterKey;
  private final SecureRandom random;

  /**
   * @param masterKey the node master key, 32 bytes (copied)
   */
  public MasterKeySeal(byte[] masterKey, SecureRandom random) {
    if (masterKey.length != 32) {
      throw new IllegalArgumentException("the master key must be 32 bytes");
    }
    this.masterKey = new SecretKeySpec(masterKey.clone(), "AES");
    this.random = random;
  }

  /**
   * @throws GeneralSecurityException when the JDK cannot provide AES-GCM
   */
  public byte[] seal(byte[] label, byte[] plain) throws GeneralSecurityException {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(Cipher.ENCRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, iv));
    cipher.updateAAD(label);
    byte[] sealed = cipher.doFinal(plain);
    return ByteBuffer.allocate(1 + IV_BYTES + sealed.length)
        .put(VERSION)
        .put(iv)
        .put(sealed)
        .array();
  }

  /**
   * @return the plaintext; the caller owns (and should wipe) it
   * @throws GeneralSecurityException when the data was not sealed with this master key and label,
   *     was altered, or is not of a known version
   */
  public byte[] open(byte[] label, byte[] sealed) throws GeneralSecurityException {
    if (sealed.length < 1 + IV_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
      throw new GeneralSecurityException("not a sealed value of a known version");
    }
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(
        Cipher.DECRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, sealed, 1, IV_BYTES));
    cipher.updateAAD(label);
    return cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
  }
}
