package io.fedgate.acl.incoming;

/** What an incoming ACL entry's address pattern is. */
public enum AclEntryType {
  /** "Allow from all": the ACL is open. The pattern is {@code ALL}. */
  ALL,
  /** One IPv4 or IPv6 address. */
  IP,
  /** A CIDR block, IPv4 or IPv6. */
  CIDR,
  /** One host name, matched exactly (case-insensitive). */
  FQDN,
  /** A DNS domain: the name itself and every name below it, on a label boundary. */
  DOMAIN;

  /** Whether entries of this type identify a peer by address (else by name, or both for ALL). */
  public boolean byAddress() {
    return this == IP || this == CIDR;
  }

  /** Whether entries of this type identify a peer by name. */
  public boolean byName() {
    return this == FQDN || this == DOMAIN;
  }
}
