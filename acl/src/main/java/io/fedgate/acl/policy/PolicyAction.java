package io.fedgate.acl.policy;

/** Default policy: allow all except listed exceptions, or deny all except listed exceptions. */
public enum PolicyAction {
  ALLOW,
  DENY;

  /** What an exception does under this default. */
  public PolicyAction opposite() {
    return this == ALLOW ? DENY : ALLOW;
  }
}
