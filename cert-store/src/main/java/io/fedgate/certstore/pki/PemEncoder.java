package io.fedgate.certstore.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** Writes certificates and certification requests as PEM. It has no method for private keys. */
public final class PemEncoder {
  private PemEncoder() {}

  /** The certificates as concatenated PEM blocks, in the given order (leaf first for chains). */
  public static String certificates(List<X509Certificate> certificates) {
    return write(certificates.toArray());
  }

  public static String request(PKCS10CertificationRequest request) {
    return write(request);
  }

  private static String write(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object object : objects) {
        writer.writeObject(object);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write PEM", e);
    }
    return out.toString();
  }
}
