package io.fedgate.tlsproxy.netty;

import io.fedgate.certstore.tls.PeerRefusedException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import javax.net.ssl.SSLException;

/** Stable, operator-readable reasons for a failed leg; never a stack trace. */
final class CloseReasons {
  private CloseReasons() {}

  static String of(String leg, Throwable cause) {
    Throwable root =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (root instanceof NotSslRecordException) {
      return leg + " not-tls";
    }
    if (root instanceof SslHandshakeTimeoutException) {
      return leg + " handshake-timeout";
    }
    var refusal = PeerRefusedException.in(root);
    if (refusal.isPresent()) {
      return leg + " certificate-refused " + refusal.get().getMessage();
    }
    if (root instanceof ConnectException) {
      return leg + " connect-failed " + root.getMessage();
    }
    if (root instanceof SSLException) {
      return leg + " tls-failed " + root.getMessage();
    }
    if (root instanceof IOException) {
      return leg + " io-error " + root.getMessage();
    }
    return leg + " error " + root.getClass().getSimpleName();
  }
}
