package io.fedgate.certstore.pki;

import io.fedgate.certstore.RejectedInputException;
import io.fedgate.certstore.RejectionCode;
import java.io.IOException;
import java.security.PrivateKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/** Turns the key objects of a PEM upload into a private key, decrypting when needed. */
final class PemKeys {
  private PemKeys() {}

  /**
   * Bouncy Castle as a provider instance for the PBE ciphers of encrypted PEM keys, which the JDK
   * providers name differently. Never registered globally (no {@code Security.addProvider}).
   */
  private static final class Bc {
    static final java.security.Provider PROVIDER =
        new org.bouncycastle.jce.provider.BouncyCastleProvider();
  }

  static boolean isKey(Object block) {
    return block instanceof PEMKeyPair
        || block instanceof PrivateKeyInfo
        || block instanceof PKCS8EncryptedPrivateKeyInfo
        || block instanceof PEMEncryptedKeyPair;
  }

  static PrivateKey open(Object block, char[] password) throws RejectedInputException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try {
      if (block instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
      if (block instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      requirePassword(password);
      if (block instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
        var decryptor =
            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(password);
        return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(decryptor));
      }
      var legacy = (PEMEncryptedKeyPair) block;
      return converter
          .getKeyPair(
              legacy.decryptKeyPair(
                  new JcePEMDecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(password)))
          .getPrivate();
    } catch (PKCSException | IOException | OperatorCreationException e) {
      if (block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair) {
        throw new RejectedInputException(
            RejectionCode.WRONG_PASSWORD, "the password does not decrypt the private key", e);
      }
      throw new RejectedInputException(
          RejectionCode.UNPARSEABLE,
          "the private key cannot be decoded (" + PemContents.describe(e) + ")",
          e);
    }
  }

  private static void requirePassword(char[] password) throws RejectedInputException {
    if (password.length == 0) {
      throw new RejectedInputException(
          RejectionCode.PASSWORD_REQUIRED, "the private key is encrypted; give its password");
    }
  }
}
