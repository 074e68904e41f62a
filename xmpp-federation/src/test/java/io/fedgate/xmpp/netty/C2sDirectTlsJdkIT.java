package io.fedgate.xmpp.netty;

import org.junit.jupiter.api.BeforeAll;

/**
 * {@link C2sDirectTlsIT} with {@code xmpp.tls-provider = jdk} (the parent runs under the default,
 * BoringSSL here): SCRAM over direct TLS and a Smack client over STARTTLS on the JDK's TLS.
 */
class C2sDirectTlsJdkIT extends C2sDirectTlsIT {
  @BeforeAll
  static void start() throws Exception {
    server = new C2sFixture(XmppTlsProvider.JDK);
  }
}
