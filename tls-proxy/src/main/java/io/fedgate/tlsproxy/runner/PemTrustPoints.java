package io.fedgate.tlsproxy.runner;

import io.fedgate.certstore.RejectedInputException;
import io.fedgate.certstore.pki.CertificateDecoder;
import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.pki.IdentityDecoder;
import io.fedgate.certstore.pki.UploadLimit;
import io.fedgate.tlsproxy.config.TrustPointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * Trust points from PEM files: {@code certificate} (a chain, leaf first, or CA certificates) and,
 * for an identity, {@code key} (an unencrypted PKCS#8 or PKCS#1 key in PEM). Read when the proxy
 * starts.
 */
final class PemTrustPoints implements TrustPointStore {
  /** The files of one trust point; {@code key} is null for an anchor-only trust point. */
  record PemFiles(Path certificate, Path key) {}

  private final Map<String, PemFiles> files;

  PemTrustPoints(Map<String, PemFiles> files) {
    this.files = Map.copyOf(files);
  }

  @Override
  public Identity identity(String trustPoint) {
    PemFiles f = files.get(trustPoint);
    if (f == null || f.key() == null) {
      throw new IllegalStateException("trust point " + trustPoint + " has no key file");
    }
    try {
      byte[] pem = concat(Files.readAllBytes(f.key()), Files.readAllBytes(f.certificate()));
      return new IdentityDecoder(UploadLimit.DEFAULT).decode(pem, new char[0]);
    } catch (IOException | RejectedInputException e) {
      throw new IllegalStateException(
          "trust point "
              + trustPoint
              + ": cannot read "
              + f.key()
              + " / "
              + f.certificate()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public List<X509Certificate> certificates(String trustPoint) {
    PemFiles f = files.get(trustPoint);
    if (f == null) {
      return List.of();
    }
    try {
      return new CertificateDecoder(UploadLimit.DEFAULT)
          .decode(Files.readAllBytes(f.certificate()));
    } catch (IOException | RejectedInputException e) {
      throw new IllegalStateException(
          "trust point " + trustPoint + ": cannot read " + f.certificate() + ": " + e.getMessage(),
          e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + 1 + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    out[a.length] = '\n';
    System.arraycopy(b, 0, out, a.length + 1, b.length);
    return out;
  }
}
