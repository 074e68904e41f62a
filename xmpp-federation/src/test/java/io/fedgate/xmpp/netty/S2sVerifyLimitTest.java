package io.fedgate.xmpp.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.certstore.testkit.PeerVariant;
import io.fedgate.certstore.testkit.TestPki;
import io.fedgate.xmpp.dns.S2sResolver;
import io.fedgate.xmpp.dns.SrvTarget;
import io.fedgate.xmpp.s2s.Admission;
import io.fedgate.xmpp.s2s.DialbackOutcome;
import io.fedgate.xmpp.s2s.DomainPair;
import io.fedgate.xmpp.s2s.FailureReason;
import io.fedgate.xmpp.s2s.S2sFailure;
import io.fedgate.xmpp.s2s.S2sSettings;
import io.fedgate.xmpp.s2s.VerifyRequest;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A flood of dialback requests over many streams opens at most {@link S2sService#MAX_VERIFICATIONS}
 * verify streams; the rest are answered {@code resource-constraint}.
 */
class S2sVerifyLimitTest {

  @Test
  void verificationsBeyondTheLimitAreRefusedAtOnce() throws Exception {
    S2sResolver stuck =
        new S2sResolver() {
          @Override
          public CompletionStage<List<SrvTarget>> targets(String domain) {
            return new CompletableFuture<>(); // a DNS server that never answers
          }

          @Override
          public CompletionStage<List<InetAddress>> addresses(String host) {
            return new CompletableFuture<>();
          }
        };
    S2sService service =
        new S2sService(
            new S2sServices(
                () -> S2sSettings.defaults("secret"),
                d -> Optional.empty(),
                () -> Set.of("local.test"),
                () -> TestPki.shared().leaf(PeerVariant.GOOD).toIdentity(),
                () -> TestPki.shared().trustStore(),
                Admission.allowAll(),
                stanza -> {},
                stuck,
                TestPki.clock(),
                new SecureRandom()));
    service.start(List.of(), List.of());
    try {
      List<CompletionStage<DialbackOutcome>> running = new ArrayList<>();
      for (int i = 0; i < S2sService.MAX_VERIFICATIONS; i++) {
        running.add(
            service.verify(
                new VerifyRequest(new DomainPair("local.test", "d" + i + ".example"), "id", "k")));
      }

      CompletionStage<DialbackOutcome> refused =
          service.verify(
              new VerifyRequest(new DomainPair("local.test", "one-more.example"), "id", "k"));

      assertThat(refused.toCompletableFuture().get(1, TimeUnit.SECONDS))
          .isEqualTo(DialbackOutcome.error("resource-constraint"));
      assertThat(running).noneMatch(r -> r.toCompletableFuture().isDone());
      assertThat(service.failures("one-more.example"))
          .extracting(S2sFailure::reason)
          .containsExactly(FailureReason.DIALBACK_FAILED);
    } finally {
      service.stop();
    }
  }
}
