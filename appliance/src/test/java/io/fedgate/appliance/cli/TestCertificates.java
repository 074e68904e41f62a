package io.fedgate.appliance.cli;

import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.TestPki;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * Certificates for a node that runs on the real clock: leaves of the cert-store test PKI (whose CAs
 * are valid for years around now) dated around the current time. Generated at test time; nothing is
 * committed.
 */
final class TestCertificates {
  static final TestPki PKI = TestPki.shared();

  private TestCertificates() {}

  /** A leaf for {@code localhost}, issued by the test intermediate, valid now for a year. */
  static IssuedIdentity leaf() {
    return validNow(CertificateBuilder.leaf("localhost").dns("localhost"))
        .signedBy(PKI.intermediate());
  }

  /** A certificate for the public key of a CSR, issued by the test intermediate. */
  static IssuedIdentity signedFor(PublicKey key) {
    return validNow(CertificateBuilder.leaf("localhost").dns("localhost").publicKey(key))
        .signedBy(PKI.intermediate());
  }

  /** A self-signed CA that expires ten days from now. */
  static IssuedIdentity expiringRoot() {
    Instant now = Instant.now();
    return CertificateBuilder.ca("Expiring Partner Root")
        .validity(now.minus(Duration.ofDays(355)), now.plus(Duration.ofDays(10)))
        .selfSigned();
  }

  static PublicKey publicKeyOf(String csrPem) throws IOException, GeneralSecurityException {
    try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
      return new JcaPKCS10CertificationRequest((PKCS10CertificationRequest) parser.readObject())
          .getPublicKey();
    }
  }

  static Path write(Path file, byte[] content) throws IOException {
    return Files.write(file, content);
  }

  private static CertificateBuilder validNow(CertificateBuilder builder) {
    Instant now = Instant.now();
    return builder.validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
  }
}
