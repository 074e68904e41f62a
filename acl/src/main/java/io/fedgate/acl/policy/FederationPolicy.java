package io.fedgate.acl.policy;

import java.util.List;

/**
 * The federation policy as configured (plain fields for a store adapter; validated by {@link
 * PolicyValidator}, evaluated by {@link PolicyDecider}).
 *
 * @param defaultAction what happens to domains that no exception covers
 * @param exceptions domains for which the opposite of the default applies
 */
public record FederationPolicy(PolicyAction defaultAction, List<PolicyException> exceptions) {

  public FederationPolicy {
    exceptions = exceptions == null ? null : List.copyOf(exceptions);
  }

  /** Allow everyone: no exceptions. */
  public static FederationPolicy allowAll() {
    return new FederationPolicy(PolicyAction.ALLOW, List.of());
  }
}
