package io.fedgate.tlsproxy.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.OpenSsl;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The bad-input cases with BoringSSL (the default provider): a partner that half-closes gets the
 * proxy's close_notify and no answer, since BoringSSL answers a close_notify at once (ADR 17).
 */
class TlsProxyBadInputIT extends TlsProxyBadInputCases {
  @BeforeAll
  static void boringSslLoads() {
    Assumptions.assumeTrue(OpenSsl.isAvailable(), "netty-tcnative does not load here");
  }

  @Override
  TlsProvider provider() {
    return TlsProvider.OPENSSL;
  }

  @Override
  boolean halfCloses() {
    return false;
  }

  @Override
  void halfClosedPartnerReads(InputStream in) throws IOException {
    assertThat(SipWire.read(in)).isNull();
  }

  @Override
  String halfClosedReason() {
    return "closed";
  }
}
