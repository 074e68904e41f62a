package io.fedgate.sip.jain;

import io.fedgate.certstore.trust.Decision;
import java.util.concurrent.CompletableFuture;
import javax.sip.message.Response;

/** What an outbound client transaction carries: the expected next hop name and its outcome. */
final class OutboundContext {
  private final String expectedHost;
  private final CompletableFuture<Response> outcome = new CompletableFuture<>();

  OutboundContext(String expectedHost) {
    this.expectedHost = expectedHost;
  }

  String expectedHost() {
    return expectedHost;
  }

  CompletableFuture<Response> outcome() {
    return outcome;
  }

  void refused(Decision.Refused refused) {
    outcome.completeExceptionally(new NextHopRefusedException(expectedHost, refused));
  }
}
