package io.fedgate.tlsproxy.acl;

/**
 * The outcome of an access-list check.
 *
 * @param entry the 1-based line of the deciding entry; 0 for the implicit deny or when pending
 */
public record AclVerdict(Kind kind, String accessList, int entry) {
  /** Permit and deny are final; pending waits for the partner domain of the first SIP request. */
  public enum Kind {
    PERMIT,
    DENY,
    PENDING
  }

  public boolean permitted() {
    return kind == Kind.PERMIT;
  }

  /** The reason code logged with the decision. */
  public String reason() {
    return switch (kind) {
      case PERMIT -> "acl-permit " + accessList + " line " + entry;
      case DENY ->
          entry == 0
              ? "acl-implicit-deny " + accessList
              : "acl-deny " + accessList + " line " + entry;
      case PENDING -> "acl-pending-domain " + accessList;
    };
  }
}
