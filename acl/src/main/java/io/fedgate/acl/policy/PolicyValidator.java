package io.fedgate.acl.policy;

import io.fedgate.acl.AclProblem;
import io.fedgate.acl.AclProblem.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Validation of a federation policy: every problem at once, nothing corrected. */
public final class PolicyValidator {

  private PolicyValidator() {}

  public static List<AclProblem> validate(FederationPolicy policy) {
    List<AclProblem> out = new ArrayList<>();
    if (policy.defaultAction() == null) {
      out.add(new AclProblem("defaultAction", Code.REQUIRED, "default policy is required"));
    }
    if (policy.exceptions() == null) {
      out.add(new AclProblem("exceptions", Code.REQUIRED, "exceptions must not be null"));
      return out;
    }
    List<Optional<DomainPattern>> seen = new ArrayList<>();
    for (int i = 0; i < policy.exceptions().size(); i++) {
      PolicyException e = policy.exceptions().get(i);
      Optional<DomainPattern> pattern = DomainPattern.parse(e.domain());
      int index = i;
      checkException(e, pattern).forEach(p -> out.add(p.at("exceptions", index)));
      for (int j = 0; j < seen.size(); j++) {
        PolicyException earlier = policy.exceptions().get(j);
        if (pattern.isPresent() && pattern.equals(seen.get(j)) && overlaps(e, earlier)) {
          out.add(
              new AclProblem(
                      "domain",
                      Code.DUPLICATE,
                      pattern.get() + " already has an exception for " + earlier.direction())
                  .at("exceptions", i));
          break;
        }
      }
      seen.add(pattern);
    }
    return out;
  }

  private static boolean overlaps(PolicyException a, PolicyException b) {
    return a.direction() != null && b.direction() != null && a.direction().overlaps(b.direction());
  }

  private static List<AclProblem> checkException(
      PolicyException e, Optional<DomainPattern> pattern) {
    List<AclProblem> out = new ArrayList<>();
    if (e.domain() == null || e.domain().isBlank()) {
      out.add(new AclProblem("domain", Code.REQUIRED, "domain is required"));
    } else if (pattern.isEmpty()) {
      out.add(
          new AclProblem(
              "domain",
              Code.INVALID_PATTERN,
              "'" + e.domain() + "' is neither a domain nor *.domain"));
    }
    if (e.direction() == null) {
      out.add(new AclProblem("direction", Code.REQUIRED, "direction is required"));
    }
    return out;
  }
}
