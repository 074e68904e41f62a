package io.fedgate.appliance.node;

import io.fedgate.certstore.pki.Identity;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** {@link SSLContext}s from the node's identities. */
public final class TlsContexts {
  private TlsContexts() {}

  /** A server-side context presenting the identity (the node's HTTPS and C2S endpoints). */
  static SSLContext server(Identity identity) {
    return withKeys(identity, null);
  }

  /**
   * A context presenting the identity as a client certificate and judging the peer with the given
   * trust managers (a diagnostic may record instead of refuse).
   */
  public static SSLContext withKeys(Identity identity, TrustManager[] trust) {
    try {
      char[] password = new char[0];
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry(
          "identity",
          identity.privateKey(),
          password,
          identity.chain().toArray(new Certificate[0]));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), trust, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a TLS context from the identity", e);
    }
  }
}
