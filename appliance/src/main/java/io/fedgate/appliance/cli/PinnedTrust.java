package io.fedgate.appliance.cli;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate: the local node's admin certificate, read from its data
 * directory. The pin is stronger than a name check, so no host name is checked.
 */
final class PinnedTrust extends X509ExtendedTrustManager {
  private final X509Certificate pinned;

  PinnedTrust(X509Certificate pinned) {
    this.pinned = pinned;
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null
        || chain.length == 0
        || !MessageDigest.isEqual(chain[0].getEncoded(), encoded(pinned))) {
      throw new CertificateException(
          "the admin endpoint presented a certificate other than the node's admin certificate");
    }
  }

  private static byte[] encoded(X509Certificate certificate) throws CertificateEncodingException {
    return certificate.getEncoded();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("client certificates are not used by the CLI");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("client certificates are not used by the CLI");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("client certificates are not used by the CLI");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[] {pinned};
  }
}
