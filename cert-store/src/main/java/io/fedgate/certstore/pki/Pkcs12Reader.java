package io.fedgate.certstore.pki;

import io.fedgate.certstore.RejectedInputException;
import io.fedgate.certstore.RejectionCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads the single key entry of a PKCS#12 file. */
final class Pkcs12Reader {
  private Pkcs12Reader() {}

  static Identity read(byte[] upload, char[] password) throws RejectedInputException {
    KeyStore store = load(upload, password);
    try {
      List<String> keyAliases = new ArrayList<>();
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          keyAliases.add(alias);
        }
      }
      if (keyAliases.isEmpty()) {
        throw new RejectedInputException(
            RejectionCode.NO_PRIVATE_KEY, "the PKCS#12 file holds no private key");
      }
      if (keyAliases.size() > 1) {
        throw new RejectedInputException(
            RejectionCode.SEVERAL_PRIVATE_KEYS,
            "the PKCS#12 file holds " + keyAliases.size() + " private keys; export one identity");
      }
      return entry(store, keyAliases.get(0), password);
    } catch (UnrecoverableKeyException e) {
      throw new RejectedInputException(
          RejectionCode.WRONG_PASSWORD, "the password does not decrypt the private key", e);
    } catch (GeneralSecurityException e) {
      throw new RejectedInputException(
          RejectionCode.UNPARSEABLE, "the PKCS#12 file cannot be read: " + e.getMessage(), e);
    }
  }

  private static Identity entry(KeyStore store, String alias, char[] password)
      throws GeneralSecurityException, RejectedInputException {
    PrivateKey key = (PrivateKey) store.getKey(alias, password);
    Certificate[] chain = store.getCertificateChain(alias);
    if (chain == null || chain.length == 0) {
      throw new RejectedInputException(
          RejectionCode.NO_CERTIFICATE, "the PKCS#12 key entry has no certificate");
    }
    List<X509Certificate> certificates = new ArrayList<>();
    for (Certificate certificate : chain) {
      certificates.add((X509Certificate) certificate);
    }
    return IdentityDecoder.withLeafFirst(key, certificates);
  }

  private static KeyStore load(byte[] upload, char[] password) throws RejectedInputException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(upload), password);
      return store;
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new RejectedInputException(
            password.length == 0 ? RejectionCode.PASSWORD_REQUIRED : RejectionCode.WRONG_PASSWORD,
            password.length == 0
                ? "the PKCS#12 file is protected; give its password"
                : "the password does not open the PKCS#12 file",
            e);
      }
      throw new RejectedInputException(
          RejectionCode.UNPARSEABLE,
          "the upload is neither PEM nor a PKCS#12 file (" + PemContents.describe(e) + ")",
          e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new RejectedInputException(
          RejectionCode.UNPARSEABLE,
          "the upload is neither PEM nor a PKCS#12 file (" + PemContents.describe(e) + ")",
          e);
    }
  }
}
