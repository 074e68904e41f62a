package io.fedgate.appliance.doctor;

import io.fedgate.appliance.doctor.DoctorStep.FixSide;
import io.fedgate.appliance.doctor.DoctorStep.Outcome;
import io.fedgate.appliance.s2s.S2sMonitor;
import io.fedgate.xmpp.s2s.TestStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The doctor's XMPP negotiation: one outbound test negotiation of the XMPP Federation Connection
 * Manager ({@code fedgate xmpp test}), its steps reported as doctor steps with the side to fix.
 */
public final class S2sProbe implements XmppProbe {
  private final S2sMonitor s2s;
  private final Duration timeout;

  public S2sProbe(S2sMonitor s2s, Duration timeout) {
    this.s2s = s2s;
    this.timeout = timeout;
  }

  @Override
  public List<DoctorStep> negotiate(String domain) {
    List<TestStep> steps;
    try {
      steps = s2s.test(domain).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return List.of(
          DoctorStep.fail(
              FederationDoctor.XMPP,
              "xmpp-negotiation",
              "negotiation-timeout",
              "no outcome within " + timeout.toSeconds() + " s",
              FixSide.PEER,
              "the partner's server must complete the S2S negotiation"));
    } catch (ExecutionException e) {
      return List.of(
          DoctorStep.fail(
              FederationDoctor.XMPP,
              "xmpp-negotiation",
              "negotiation-error",
              String.valueOf(e.getCause()),
              FixSide.LOCAL,
              ""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of(DoctorStep.skip(FederationDoctor.XMPP, "xmpp-negotiation", "interrupted"));
    }
    List<DoctorStep> out = new ArrayList<>();
    for (TestStep step : steps) {
      out.add(convert(step));
    }
    return out;
  }

  static DoctorStep convert(TestStep step) {
    String check = "s2s-" + step.step().name().toLowerCase(Locale.ROOT).replace('_', '-');
    if (step.outcome() == TestStep.Outcome.PASSED) {
      return DoctorStep.pass(FederationDoctor.XMPP, check, step.detail());
    }
    if (step.outcome() == TestStep.Outcome.SKIPPED) {
      return DoctorStep.skip(FederationDoctor.XMPP, check, step.detail());
    }
    FixSide side = side(step);
    return new DoctorStep(
        FederationDoctor.XMPP,
        check,
        Outcome.FAIL,
        check + "-failed",
        step.detail(),
        side,
        fix(step, side));
  }

  /** Our trust store or settings when the detail says so; otherwise the partner's side. */
  private static FixSide side(TestStep step) {
    String detail = step.detail().toUpperCase(Locale.ROOT);
    boolean ours =
        detail.contains("UNTRUSTED_ROOT")
            || detail.contains("INCOMPLETE_CHAIN")
            || detail.contains("POLICY")
            || detail.contains("DISABLED")
            || detail.contains("NO_DIALBACK_SECRET");
    return ours ? FixSide.LOCAL : FixSide.PEER;
  }

  private static String fix(TestStep step, FixSide side) {
    switch (step.step()) {
      case DNS:
        return "publish _xmpp-server._tcp SRV records or add a DNS override";
      case TCP:
        return "the partner's server must listen on its S2S port and admit our address";
      case STARTTLS:
        return "both sides must agree on TLS (security mode, partner TLS negotiation)";
      case CERTIFICATE:
        return side == FixSide.LOCAL
            ? "upload the partner's root (and intermediate) CA into cup-xmpp-trust"
            : "the partner must present a valid certificate naming its XMPP domain";
      case SASL_EXTERNAL:
        return "the partner must trust our cup-xmpp certificate, or use dialback";
      case DIALBACK:
        return "dialback needs a dialback secret here and dialback enabled there";
      default:
        return side == FixSide.LOCAL ? "check the XMPP federation settings" : "";
    }
  }
}
