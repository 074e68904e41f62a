package io.fedgate.appliance.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals short secrets kept in the config database (the XMPP dialback secret) with the node master
 * key, AES-256-GCM, the purpose bound as associated data: a copy of the database alone never yields
 * the secret. Sealed form: {@code version(1) | iv(12) | ciphertext+tag}, as cert-store's
 * KeyProtector does for private keys.
 */
public final class SecretSealer {
  private static final byte VERSION = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec masterKey;
  private final SecureRandom random;

  public SecretSealer(byte[] masterKey, SecureRandom random) {
    if (masterKey.length != 32) {
      throw new IllegalArgumentException("the master key must be 32 bytes");
    }
    this.masterKey = new SecretKeySpec(masterKey.clone(), "AES");
    this.random = random;
  }

  /**
   * @param purpose what the secret is for; the same purpose is needed to open it
   */
  public byte[] seal(String purpose, String secret) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(1 + IV_BYTES + sealed.length)
          .put(VERSION)
          .put(iv)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a secret", e);
    }
  }

  /**
   * @throws GeneralSecurityException when the data was not sealed with this master key and purpose,
   *     or was altered
   */
  public String open(String purpose, byte[] sealed) throws GeneralSecurityException {
    if (sealed.length < 1 + IV_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
      throw new GeneralSecurityException("not a sealed secret of a known version");
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, sealed, 1, IV_BYTES));
    cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
    byte[] plain = cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
    return new String(plain, StandardCharsets.UTF_8);
  }
}
