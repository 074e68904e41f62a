package io.fedgate.acl.incoming;

/** Outcome of an edit of the ACL entry list. */
public sealed interface AclEdit {

  /** The edit was made; {@code entries} is the new list (the old one is unchanged). */
  record Applied(AclEntries entries) implements AclEdit {}

  /** The edit was refused; nothing changed. */
  record Refused(Reason reason, String message) implements AclEdit {}

  /** Why an edit was refused. */
  enum Reason {
    /** The entry belongs to a SIP federated domain: it goes away only with the domain. */
    READ_ONLY,
    /** Operators cannot create read-only entries; federated domains do. */
    READ_ONLY_RESERVED,
    /** The entry does not pass validation. */
    INVALID,
    /** An equal entry exists. */
    DUPLICATE,
    /** No such entry. */
    NOT_FOUND
  }
}
