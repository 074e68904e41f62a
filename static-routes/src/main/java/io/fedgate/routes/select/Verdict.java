package io.fedgate.routes.select;

/** What selection did with one route, as shown by the explainer. */
public enum Verdict {
  /** First candidate. */
  SELECTED(true),
  /** Candidate with the same priority as the first; lost the weighted draw this time. */
  EQUAL_PRIORITY_ALTERNATIVE(true),
  /** Candidate with a lower priority (higher number): a backup. */
  LOWER_PRIORITY_BACKUP(true),
  /** Candidate from a less specific pattern, after the more specific ones. */
  LESS_SPECIFIC_FALLBACK(true),
  /** Pattern does not match the address (or a user route and the address has no user part). */
  NOT_MATCHING(false),
  /** The built-in open-federation route does not take part in this request. */
  BUILT_IN_EXCLUDED(false),
  /** Route is out of service. */
  OUT_OF_SERVICE(false),
  /** Route's next hop is marked failed. */
  FAILED(false),
  /** Route is blocked: the search stops here. */
  BLOCKED(false),
  /** Not reached: a blocked route of equal or higher specificity stopped the search. */
  STOPPED_BY_BLOCK(false),
  /** Not reached: a more specific route does not allow less specific routes. */
  LESS_SPECIFIC_NOT_ALLOWED(false);

  private final boolean candidate;

  Verdict(boolean candidate) {
    this.candidate = candidate;
  }

  /** Whether the route became a candidate. */
  public boolean isCandidate() {
    return candidate;
  }
}
