package io.fedgate.certstore.pki;

import io.fedgate.certstore.RejectedInputException;
import io.fedgate.certstore.RejectionCode;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a whole identity (one private key and its certificate chain) from PKCS#12 or PEM. PEM keys
 * may be PKCS#8, encrypted PKCS#8 or traditional OpenSSL (encrypted or not). The leaf is the
 * certificate whose public key matches the private key; the other certificates are returned in
 * upload order after it.
 */
public final class IdentityDecoder {
  private final UploadLimit limit;

  public IdentityDecoder(UploadLimit limit) {
    this.limit = limit;
  }

  /**
   * @param password for PKCS#12 or an encrypted PEM key; may be null or empty
   * @return the key and the certificates, the matching leaf first
   */
  public Identity decode(byte[] upload, char[] password) throws RejectedInputException {
    limit.check(upload);
    char[] secret = password == null ? new char[0] : password;
    if (!PemContents.looksLikePem(upload)) {
      return Pkcs12Reader.read(upload, secret);
    }
    PemContents contents = PemContents.read(upload);
    PrivateKey key = onlyKey(contents.keyObjects(), secret);
    if (contents.certificates().isEmpty()) {
      throw new RejectedInputException(
          RejectionCode.NO_CERTIFICATE, "the upload has a private key but no certificate");
    }
    return withLeafFirst(key, contents.certificates());
  }

  static Identity withLeafFirst(PrivateKey key, List<X509Certificate> certificates)
      throws RejectedInputException {
    Optional<X509Certificate> leaf =
        certificates.stream().filter(c -> KeyPairCheck.matches(key, c.getPublicKey())).findFirst();
    if (leaf.isEmpty()) {
      throw new RejectedInputException(
          RejectionCode.KEY_MISMATCH,
          "none of the "
              + certificates.size()
              + " certificate(s) in the upload belongs to its private key (first: '"
              + certificates.get(0).getSubjectX500Principal().getName()
              + "')");
    }
    List<X509Certificate> chain = new ArrayList<>(List.of(leaf.get()));
    certificates.stream().filter(c -> !c.equals(leaf.get())).forEach(chain::add);
    return new Identity(key, chain);
  }

  private static PrivateKey onlyKey(List<Object> keyObjects, char[] password)
      throws RejectedInputException {
    List<Object> keys = keyObjects.stream().filter(PemKeys::isKey).toList();
    if (keys.isEmpty()) {
      throw new RejectedInputException(
          RejectionCode.NO_PRIVATE_KEY, "the upload holds no private key");
    }
    if (keys.size() > 1) {
      throw new RejectedInputException(
          RejectionCode.SEVERAL_PRIVATE_KEYS,
          "the upload holds " + keys.size() + " private keys; upload one identity at a time");
    }
    return PemKeys.open(keys.get(0), password);
  }
}
