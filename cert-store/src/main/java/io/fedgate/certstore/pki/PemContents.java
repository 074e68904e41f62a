package io.fedgate.certstore.pki;

import io.fedgate.certstore.RejectedInputException;
import io.fedgate.certstore.RejectionCode;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.openssl.PEMParser;

/**
 * The blocks of a PEM upload: certificates (also from PKCS#7 blocks) and the private key objects as
 * Bouncy Castle parsed them (still encrypted when they were). Text outside blocks is ignored, as
 * OpenSSL does; a damaged or cut-short block is refused.
 */
record PemContents(List<X509Certificate> certificates, List<Object> keyObjects) {

  static boolean looksLikePem(byte[] upload) {
    String head =
        new String(upload, 0, Math.min(upload.length, 64 * 1024), StandardCharsets.US_ASCII);
    return head.contains("-----BEGIN ");
  }

  static PemContents read(byte[] upload) throws RejectedInputException {
    List<X509Certificate> certificates = new ArrayList<>();
    List<Object> keys = new ArrayList<>();
    Reader text =
        new InputStreamReader(new java.io.ByteArrayInputStream(upload), StandardCharsets.US_ASCII);
    try (PEMParser parser = new PEMParser(text)) {
      for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
        if (block instanceof X509CertificateHolder holder) {
          certificates.add(convert(holder));
        } else if (block instanceof ContentInfo pkcs7) {
          certificates.addAll(fromPkcs7(new CMSSignedData(pkcs7)));
        } else {
          keys.add(block);
        }
      }
    } catch (IOException | CMSException | RuntimeException e) {
      throw new RejectedInputException(
          RejectionCode.UNPARSEABLE,
          "a PEM block is damaged or cut short (" + describe(e) + ")",
          e);
    }
    return new PemContents(certificates, keys);
  }

  static List<X509Certificate> fromPkcs7(CMSSignedData signedData) throws RejectedInputException {
    List<X509Certificate> certificates = new ArrayList<>();
    for (X509CertificateHolder holder : signedData.getCertificates().getMatches(null)) {
      certificates.add(convert(holder));
    }
    return certificates;
  }

  private static X509Certificate convert(X509CertificateHolder holder)
      throws RejectedInputException {
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new RejectedInputException(
          RejectionCode.UNPARSEABLE, "a certificate cannot be decoded: " + describe(e), e);
    }
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
