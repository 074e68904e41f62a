package io.fedgate.certstore.pki;

import io.fedgate.certstore.RejectedInputException;
import io.fedgate.certstore.RejectionCode;
import java.io.ByteArrayInputStream;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads certificates from an upload: PEM (certificates and PKCS#7 blocks), a DER certificate, or a
 * DER PKCS#7 bundle (.p7b). The size cap is checked before parsing.
 */
public final class CertificateDecoder {
  private final UploadLimit limit;

  public CertificateDecoder(UploadLimit limit) {
    this.limit = limit;
  }

  /**
   * @return the certificates in upload order, never empty
   * @throws RejectedInputException UPLOAD_TOO_LARGE, EMPTY_UPLOAD, UNPARSEABLE or NO_CERTIFICATE
   */
  public List<X509Certificate> decode(byte[] upload) throws RejectedInputException {
    limit.check(upload);
    List<X509Certificate> certificates =
        PemContents.looksLikePem(upload) ? PemContents.read(upload).certificates() : der(upload);
    if (certificates.isEmpty()) {
      throw new RejectedInputException(
          RejectionCode.NO_CERTIFICATE, "the upload holds no certificate");
    }
    return certificates;
  }

  private static List<X509Certificate> der(byte[] upload) throws RejectedInputException {
    try {
      Collection<? extends Certificate> parsed =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(upload));
      List<X509Certificate> certificates = new ArrayList<>();
      for (Certificate certificate : parsed) {
        certificates.add((X509Certificate) certificate);
      }
      return certificates;
    } catch (CertificateException | RuntimeException e) {
      throw new RejectedInputException(
          RejectionCode.UNPARSEABLE,
          "the upload is neither PEM, a DER certificate nor a PKCS#7 bundle ("
              + PemContents.describe(e)
              + ")",
          e);
    }
  }
}
