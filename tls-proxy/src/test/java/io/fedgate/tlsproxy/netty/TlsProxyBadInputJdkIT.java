package io.fedgate.tlsproxy.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bad-input cases with the JDK's TLS ({@code proxy.tls-provider = jdk}): a TLS 1.3 partner that
 * half-closes still gets the answer, then the proxy's close_notify.
 */
class TlsProxyBadInputJdkIT extends TlsProxyBadInputCases {
  @Override
  TlsProvider provider() {
    return TlsProvider.JDK;
  }

  @Override
  boolean halfCloses() {
    return true;
  }

  @Override
  void halfClosedPartnerReads(InputStream in) throws IOException {
    assertThat(SipWire.read(in)).startsWith("SIP/2.0 200 OK\r\n");
    assertThat(SipWire.read(in)).isNull();
  }

  @Override
  String halfClosedReason() {
    return "closed";
  }
}
