package io.fedgate.acl.incoming;

import java.util.Optional;

/**
 * Outcome of the incoming ACL for one peer.
 *
 * @param reason stable reason code
 * @param addressEntry the entry that matched by address (or the open entry)
 * @param nameEntry the entry that matched by name
 * @param detail for logs and the per-domain history
 */
public record AclDecision(
    Reason reason, Optional<AclEntry> addressEntry, Optional<AclEntry> nameEntry, String detail) {

  /** Stable reason codes. */
  public enum Reason {
    /** The ACL contains ALL. */
    ALLOWED_OPEN(true),
    /** The peer matched an IP/CIDR entry and an FQDN/domain entry. */
    ALLOWED(true),
    /** Matched by name, but its address is in no IP/CIDR entry. */
    DENIED_IP_NOT_LISTED(false),
    /** Matched by address, but none of its names is in an FQDN/domain entry. */
    DENIED_FQDN_NOT_LISTED(false),
    /** Matched by address, but the peer has no known name. */
    DENIED_FQDN_UNKNOWN(false),
    /** Matched neither by address nor by name. */
    DENIED_NOT_LISTED(false);

    private final boolean allowed;

    Reason(boolean allowed) {
      this.allowed = allowed;
    }

    public boolean allowed() {
      return allowed;
    }
  }

  /** Whether the peer may connect. */
  public boolean allowed() {
    return reason.allowed();
  }
}
