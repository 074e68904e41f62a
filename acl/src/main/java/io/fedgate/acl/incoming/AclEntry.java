package io.fedgate.acl.incoming;

/**
 * One incoming ACL entry, as plain fields for a store adapter. Any values are accepted here; {@link
 * AclValidator} reports what is wrong.
 *
 * @param type what the pattern is
 * @param pattern {@code ALL}, an IP literal, {@code address/prefix}, a host name or a domain
 * @param description free text, up to 255 characters
 * @param readOnly created by a SIP federated domain: shown, not editable, removed with the domain
 */
public record AclEntry(AclEntryType type, String pattern, String description, boolean readOnly) {

  /** Pattern text of the open entry. */
  public static final String ALL_PATTERN = "ALL";

  /** "Allow from all". */
  public static AclEntry all(String description) {
    return new AclEntry(AclEntryType.ALL, ALL_PATTERN, description, false);
  }

  public static AclEntry ip(String address, String description) {
    return new AclEntry(AclEntryType.IP, address, description, false);
  }

  public static AclEntry cidr(String block, String description) {
    return new AclEntry(AclEntryType.CIDR, block, description, false);
  }

  public static AclEntry fqdn(String host, String description) {
    return new AclEntry(AclEntryType.FQDN, host, description, false);
  }

  public static AclEntry domain(String domain, String description) {
    return new AclEntry(AclEntryType.DOMAIN, domain, description, false);
  }

  @Override
  public String toString() {
    return type + " " + pattern + (readOnly ? " (read-only)" : "");
  }
}
