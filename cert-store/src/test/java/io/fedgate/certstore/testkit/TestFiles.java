package io.fedgate.certstore.testkit;

import io.fedgate.certstore.pki.PemEncoder;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;

/** Upload files made from test identities: PEM, DER, PKCS#7, PKCS#8 (encrypted), PKCS#12. */
public final class TestFiles {
  private TestFiles() {}

  public static byte[] pem(List<X509Certificate> certificates) {
    return PemEncoder.certificates(certificates).getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A degenerate PKCS#7 SignedData (.p7b) holding the certificates, DER. */
  public static byte[] pkcs7(List<X509Certificate> certificates) {
    try {
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addCertificates(new JcaCertStore(certificates));
      return generator.generate(new CMSAbsentContent()).getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An unencrypted PKCS#8 PEM key (generated at test time, never stored). */
  public static byte[] keyPem(PrivateKey key) {
    return write(key);
  }

  /** An encrypted PKCS#8 PEM key (PBES2 AES-256-CBC), generated at test time. */
  public static byte[] encryptedKeyPem(PrivateKey key, char[] password) {
    try {
      var encryptor =
          new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
              .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
              .setRandom(new SecureRandom())
              .setPassword(password)
              .build();
      return write(new JcaPKCS8Generator(key, encryptor).generate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A PKCS#12 file holding the identity under the alias "identity". */
  public static byte[] pkcs12(IssuedIdentity identity, char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "identity",
          identity.privateKey(),
          password,
          identity.chain().toArray(Certificate[]::new));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, password);
      return out.toByteArray();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] write(Object object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
