package io.fedgate.certstore.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.certstore.testkit.PeerVariant;
import io.fedgate.certstore.testkit.TestPki;
import io.fedgate.certstore.trust.PeerTrust;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

class TlsContextFactoryTest {
  private static final TestPki PKI = TestPki.shared();

  private static TlsContextFactory factory(TlsContext context) {
    return new TlsContextFactory(
        context,
        PKI.leaf(PeerVariant.GOOD).toIdentity(),
        PKI.trustStore(),
        new PeerTrust(TestPki.clock()),
        PeerNaming.SIP,
        d -> {},
        new SecureRandom());
  }

  @Test
  void thePeerAuthServerEngineNeedsClientCertificates() {
    SSLEngine engine =
        factory(TlsContext.defaultPeerAuth(Instant.EPOCH)).serverEngine(ClientAuth.NEED);

    assertThat(engine.getNeedClientAuth()).isTrue();
    assertThat(engine.getUseClientMode()).isFalse();
    assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.2", "TLSv1.3");
  }

  @Test
  void lyncCompatibleOffersNonEcRsaSuites() {
    List<String> suites = factory(TlsContext.defaultPeerAuth(Instant.EPOCH)).cipherSuites();

    assertThat(suites)
        .contains("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");
    assertThat(suites).anyMatch(s -> s.startsWith("TLS_ECDHE_RSA"));
    assertThat(suites).noneMatch(s -> s.contains("3DES"));
  }

  @Test
  void modernIsForwardSecretOnly() {
    TlsContext modern =
        new TlsContext(
            "s2s",
            "",
            List.of("TLSv1.3", "TLSv1.2"),
            CipherProfile.MODERN,
            List.of(),
            List.of(),
            true,
            Instant.EPOCH);

    assertThat(factory(modern).cipherSuites())
        .allMatch(s -> s.startsWith("TLS_ECDHE") || !s.contains("_WITH_"));
  }

  @Test
  void aClientEngineSendsTheExpectedDomainAsSni() {
    SSLEngine engine =
        factory(TlsContext.defaultPeerAuth(Instant.EPOCH))
            .clientEngine("lync.partner.example", 5061);

    assertThat(engine.getUseClientMode()).isTrue();
    assertThat(engine.getPeerHost()).isEqualTo("lync.partner.example");
    assertThat(engine.getSSLParameters().getServerNames()).hasSize(1);
  }

  @Test
  void aCustomProfileOfUnsupportedSuitesIsRefused() {
    TlsContext custom =
        new TlsContext(
            "custom",
            "",
            List.of("TLSv1.2"),
            CipherProfile.CUSTOM,
            List.of("TLS_RSA_WITH_3DES_EDE_CBC_SHA_NOT_A_SUITE"),
            List.of(),
            true,
            Instant.EPOCH);

    assertThatThrownBy(() -> factory(custom))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("custom")
        .hasMessageContaining("cipher suites");
  }

  @Test
  void contextsRefuseOldProtocolsAndMisplacedSuites() {
    assertThatThrownBy(
            () ->
                new TlsContext(
                    "old",
                    "",
                    List.of("TLSv1"),
                    CipherProfile.MODERN,
                    List.of(),
                    List.of(),
                    true,
                    Instant.EPOCH))
        .hasMessageContaining("TLSv1.2");
    assertThatThrownBy(
            () ->
                new TlsContext(
                    "mixed",
                    "",
                    List.of("TLSv1.2"),
                    CipherProfile.MODERN,
                    List.of("TLS_AES_128_GCM_SHA256"),
                    List.of(),
                    true,
                    Instant.EPOCH))
        .hasMessageContaining("CUSTOM");
  }
}
