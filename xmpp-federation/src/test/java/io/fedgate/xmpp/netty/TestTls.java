package io.fedgate.xmpp.netty;

import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.pki.SelfSignedIdentityFactory;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** A self-signed {@code local.test} identity generated at test time; server and client contexts. */
final class TestTls {
  private static final char[] PIN = "test".toCharArray();

  final Identity identity;
  final SSLContext server;
  final SSLContext client;
  final X509TrustManager clientTrust;

  TestTls() throws Exception {
    identity =
        new SelfSignedIdentityFactory(Clock.systemUTC(), new SecureRandom())
            .create("local.test", List.of("local.test", "localhost"), Duration.ofDays(1));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "xmpp", identity.privateKey(), PIN, identity.chain().toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PIN);
    server = SSLContext.getInstance("TLS");
    server.init(kmf.getKeyManagers(), null, null);

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("xmpp", identity.leaf());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    clientTrust = (X509TrustManager) tmf.getTrustManagers()[0];
    client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
  }
}
