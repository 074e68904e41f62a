package io.fedgate.appliance.security;

import io.fedgate.core.crypto.MasterKeySeal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * Seals short secrets kept in the config database (the XMPP dialback secret) with the node master
 * key ({@link MasterKeySeal}, AES-256-GCM), the purpose bound as associated data: a copy of the
 * database alone never yields the secret.
 */
public final class SecretSealer {
  private final MasterKeySeal seal;

  public SecretSealer(byte[] masterKey, SecureRandom random) {
    this.seal = new MasterKeySeal(masterKey, random);
  }

  /**
   * @param purpose what the secret is for; the same purpose is needed to open it
   */
  public byte[] seal(String purpose, String secret) {
    try {
      return seal.seal(label(purpose), secret.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a secret", e);
    }
  }

  /**
   * @throws GeneralSecurityException when the data was not sealed with this master key and purpose,
   *     or was altered
   */
  public String open(String purpose, byte[] sealed) throws GeneralSecurityException {
    return new String(seal.open(label(purpose), sealed), StandardCharsets.UTF_8);
  }

  private static byte[] label(String purpose) {
    return purpose.getBytes(StandardCharsets.UTF_8);
  }
}
