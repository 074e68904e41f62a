package io.fedgate.routes.select;

import io.fedgate.core.net.HostSyntax;
import io.fedgate.routes.NextHop;
import io.fedgate.routes.RouteAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The order in which a configured SIP federated domain is reached: static routes and SRV look-ups
 * for one or more domains, concatenated into one failover list.
 *
 * <p>For an "Inter-domain to AOL" domain with a default federation routing domain (IM&amp;P: hosted
 * domain -> static route for the domain, SRV for the domain, static route for the default domain,
 * SRV for the default domain; a user of the default domain itself: static route, then SRV). Static
 * steps leave out the built-in {@code .*} open-federation route, which is for unknown domains. A
 * blocked static route ends the chain: blocked when nothing came before it, else the candidates so
 * far. A route that several steps select is listed once, at its first place. Mapping aliases
 * (IM&amp;P's one "aol.com" entry also covers aim.com) is up to the caller.
 *
 * @param steps in order
 */
public record RoutingChain(List<Step> steps) {

  public RoutingChain {
    steps = List.copyOf(steps);
  }

  /** One step of the chain. */
  public sealed interface Step {
    /** The domain this step routes to. */
    String domain();
  }

  /** Static routes for the address with its host replaced by {@code domain}. */
  public record StaticStep(String domain) implements Step {}

  /** The {@code _sipfederationtls._tcp} SRV record of {@code domain}. */
  public record SrvStep(String domain) implements Step {}

  /** What one step contributed, for the explainer. */
  public record StepOutcome(Step step, String summary, List<ConsideredRoute> considered) {
    public StepOutcome {
      considered = List.copyOf(considered);
    }
  }

  /** The chain's selection and each step's contribution. */
  public record Outcome(RouteSelection selection, List<StepOutcome> steps) {
    public Outcome {
      steps = List.copyOf(steps);
    }
  }

  /** A SIP federated domain (Lync/OCS/S4B): its static routes, then its SRV record. */
  public static RoutingChain federatedDomain(String domain) {
    String d = HostSyntax.normalize(domain);
    return new RoutingChain(List.of(new StaticStep(d), new SrvStep(d)));
  }

  /** An AOL-type domain with its default federation routing domain (e.g. {@code aol.com}). */
  public static RoutingChain aol(String domain, String defaultRoutingDomain) {
    String d = HostSyntax.normalize(domain);
    String def = HostSyntax.normalize(defaultRoutingDomain);
    if (d.equals(def)) {
      return federatedDomain(d);
    }
    return new RoutingChain(
        List.of(new StaticStep(d), new SrvStep(d), new StaticStep(def), new SrvStep(def)));
  }

  /** Runs the chain for an address (its host is replaced by each step's domain). */
  public Outcome evaluate(RouteTable table, RouteAddress address, Set<NextHop> failedHops) {
    List<Candidate> candidates = new ArrayList<>();
    List<StepOutcome> outcomes = new ArrayList<>();
    for (Step step : steps) {
      if (step instanceof SrvStep srv) {
        Candidate c = new Candidate.DomainSrv(srv.domain());
        candidates.add(c);
        outcomes.add(new StepOutcome(step, c.describe(), List.of()));
        continue;
      }
      RouteAddress target = address.withHost(step.domain());
      RouteExplanation e = table.explain(new RouteRequest(target, failedHops, false));
      outcomes.add(new StepOutcome(step, RouteExplanation.summary(e.selection()), e.considered()));
      if (e.selection() instanceof RouteSelection.Routed routed) {
        routed.candidates().stream().filter(c -> !candidates.contains(c)).forEach(candidates::add);
      } else if (e.selection() instanceof RouteSelection.Blocked blocked) {
        return new Outcome(
            candidates.isEmpty() ? blocked : new RouteSelection.Routed(candidates), outcomes);
      }
    }
    RouteSelection selection =
        candidates.isEmpty()
            ? new RouteSelection.NoRoute(RouteSelection.Reason.NO_MATCHING_ROUTE)
            : new RouteSelection.Routed(candidates);
    return new Outcome(selection, outcomes);
  }
}
