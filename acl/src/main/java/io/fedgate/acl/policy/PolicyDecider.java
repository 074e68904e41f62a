package io.fedgate.acl.policy;

import io.fedgate.acl.AclProblem;
import io.fedgate.acl.net.DomainName;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates a {@link FederationPolicy}. Among the exceptions that cover a domain, the most specific
 * decides (exact before wildcard, longer wildcard before shorter); it applies the opposite of the
 * default when its direction covers the traffic, otherwise the default applies. Immutable and
 * thread-safe.
 */
public final class PolicyDecider {

  private record Compiled(PolicyException exception, DomainPattern pattern) {}

  private final FederationPolicy policy;
  private final List<Compiled> exceptions;

  private PolicyDecider(FederationPolicy policy) {
    this.policy = policy;
    this.exceptions =
        policy.exceptions().stream()
            .map(e -> new Compiled(e, DomainPattern.parse(e.domain()).orElseThrow()))
            .sorted(Comparator.comparingInt((Compiled c) -> c.pattern().specificity()).reversed())
            .toList();
  }

  /**
   * A decider for a valid policy.
   *
   * @throws IllegalArgumentException listing the problems if {@link PolicyValidator} finds any
   */
  public static PolicyDecider of(FederationPolicy policy) {
    List<AclProblem> problems = PolicyValidator.validate(policy);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid federation policy: " + problems);
    }
    return new PolicyDecider(policy);
  }

  public FederationPolicy policy() {
    return policy;
  }

  /** Decides for traffic with the given partner domain in the given direction. */
  public PolicyDecision decide(String domain, TrafficDirection direction) {
    Optional<DomainName> name = DomainName.parse(domain);
    if (name.isEmpty()) {
      return new PolicyDecision(
          PolicyDecision.Reason.INVALID_DOMAIN,
          domain,
          direction,
          Optional.empty(),
          "'" + domain + "' is not a domain name");
    }
    Optional<Compiled> applicable =
        exceptions.stream()
            .filter(c -> c.pattern().matches(name.get()))
            .filter(c -> c.exception().direction().covers(direction))
            .findFirst();
    return applicable
        .map(c -> byException(c, domain, name.get(), direction))
        .orElseGet(() -> byDefault(domain, name.get(), direction));
  }

  private PolicyDecision byException(
      Compiled c, String domain, DomainName name, TrafficDirection direction) {
    boolean defaultAllows = policy.defaultAction() == PolicyAction.ALLOW;
    String detail =
        String.format(
            "%s %s: exception %s (%s) overrides default %s",
            direction, name, c.pattern(), c.exception().direction(), policy.defaultAction());
    return new PolicyDecision(
        defaultAllows
            ? PolicyDecision.Reason.EXCEPTION_DENY
            : PolicyDecision.Reason.EXCEPTION_ALLOW,
        domain,
        direction,
        Optional.of(c.exception()),
        detail);
  }

  private PolicyDecision byDefault(String domain, DomainName name, TrafficDirection direction) {
    boolean defaultAllows = policy.defaultAction() == PolicyAction.ALLOW;
    String detail =
        direction + " " + name + ": default " + policy.defaultAction() + otherDirection(name);
    return new PolicyDecision(
        defaultAllows ? PolicyDecision.Reason.DEFAULT_ALLOW : PolicyDecision.Reason.DEFAULT_DENY,
        domain,
        direction,
        Optional.empty(),
        detail);
  }

  private String otherDirection(DomainName name) {
    return exceptions.stream()
        .filter(c -> c.pattern().matches(name))
        .findFirst()
        .map(c -> " (exception " + c.pattern() + " is for " + c.exception().direction() + " only)")
        .orElse("");
  }
}
