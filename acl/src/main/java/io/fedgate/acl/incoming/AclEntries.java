package io.fedgate.acl.incoming;

import io.fedgate.acl.AclProblem;
import io.fedgate.acl.incoming.AclEdit.Reason;
import io.fedgate.acl.net.DomainName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The incoming ACL entry list as an immutable value with the edits operators and federated domains
 * make. Every edit returns an {@link AclEdit}: the new list, or the reason it was refused.
 *
 * <p>Adding a SIP federated domain adds a read-only domain entry for it; removing the domain
 * removes that entry. Operators cannot edit or remove read-only entries, nor create them. An
 * operator entry equal to a read-only one may exist beside it and stays when the domain goes.
 */
public final class AclEntries {

  private final List<AclEntry> entries;

  private AclEntries(List<AclEntry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The list as stored (not validated here; see {@link AclValidator}). */
  public static AclEntries of(List<AclEntry> entries) {
    return new AclEntries(entries);
  }

  public static AclEntries empty() {
    return new AclEntries(List.of());
  }

  public List<AclEntry> asList() {
    return entries;
  }

  /** Description of the entry a federated domain creates. */
  public static String federatedDomainDescription(DomainName domain) {
    return "SIP federated domain " + domain + " (automatic)";
  }

  /** An operator adds an entry. */
  public AclEdit add(AclEntry entry) {
    if (entry.readOnly()) {
      return refused(
          Reason.READ_ONLY_RESERVED, "read-only entries are created by SIP federated domains");
    }
    List<AclProblem> problems = AclValidator.validate(entry);
    if (!problems.isEmpty()) {
      return refused(Reason.INVALID, problems.toString());
    }
    if (indexOf(key(entry).orElseThrow(), false).isPresent()) {
      return refused(Reason.DUPLICATE, entry + " is already in the ACL");
    }
    List<AclEntry> next = new ArrayList<>(entries);
    next.add(entry);
    return new AclEdit.Applied(new AclEntries(next));
  }

  /** An operator removes the entry with this type and pattern. */
  public AclEdit remove(AclEntryType type, String pattern) {
    Optional<String> key = key(new AclEntry(type, pattern, "", false));
    Optional<Integer> own = key.flatMap(k -> indexOf(k, false));
    if (own.isEmpty()) {
      return notEditable(key, type, pattern);
    }
    List<AclEntry> next = new ArrayList<>(entries);
    next.remove((int) own.get());
    return new AclEdit.Applied(new AclEntries(next));
  }

  /** An operator replaces the entry with this type and pattern, keeping its place. */
  public AclEdit replace(AclEntryType type, String pattern, AclEntry replacement) {
    Optional<String> key = key(new AclEntry(type, pattern, "", false));
    Optional<Integer> own = key.flatMap(k -> indexOf(k, false));
    if (own.isEmpty()) {
      return notEditable(key, type, pattern);
    }
    List<AclEntry> without = new ArrayList<>(entries);
    without.remove((int) own.get());
    AclEdit added = new AclEntries(without).add(replacement);
    if (added instanceof AclEdit.Refused) {
      return added;
    }
    List<AclEntry> next = new ArrayList<>(entries);
    next.set(own.get(), replacement);
    return new AclEdit.Applied(new AclEntries(next));
  }

  private AclEdit notEditable(Optional<String> key, AclEntryType type, String pattern) {
    if (key.flatMap(k -> indexOf(k, true)).isPresent()) {
      return refused(
          Reason.READ_ONLY,
          type + " " + pattern + " belongs to a SIP federated domain; remove the domain instead");
    }
    return refused(Reason.NOT_FOUND, "no entry " + type + " " + pattern);
  }

  /** A SIP federated domain was added: add its read-only domain entry (once). */
  public AclEdit withFederatedDomain(String domain) {
    Optional<DomainName> name = DomainName.parse(domain);
    if (name.isEmpty()) {
      return refused(Reason.INVALID, "'" + domain + "' is not a DNS name");
    }
    AclEntry entry =
        new AclEntry(
            AclEntryType.DOMAIN, name.get().value(), federatedDomainDescription(name.get()), true);
    if (indexOf(key(entry).orElseThrow(), true).isPresent()) {
      return new AclEdit.Applied(this);
    }
    List<AclEntry> next = new ArrayList<>(entries);
    next.add(entry);
    return new AclEdit.Applied(new AclEntries(next));
  }

  /** A SIP federated domain was removed: remove its read-only entry (if there is one). */
  public AclEdit withoutFederatedDomain(String domain) {
    Optional<DomainName> name = DomainName.parse(domain);
    if (name.isEmpty()) {
      return refused(Reason.INVALID, "'" + domain + "' is not a DNS name");
    }
    String key = "DOMAIN " + name.get().value();
    List<AclEntry> next =
        entries.stream()
            .filter(e -> !(e.readOnly() && key(e).filter(key::equals).isPresent()))
            .toList();
    return new AclEdit.Applied(new AclEntries(next));
  }

  private Optional<Integer> indexOf(String key, boolean readOnly) {
    for (int i = 0; i < entries.size(); i++) {
      AclEntry e = entries.get(i);
      if (e.readOnly() == readOnly && key(e).filter(key::equals).isPresent()) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> key(AclEntry entry) {
    return EntryMatcher.compile(entry).map(EntryMatcher::key);
  }

  private static AclEdit refused(Reason reason, String message) {
    return new AclEdit.Refused(reason, message);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AclEntries other && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return entries.toString();
  }
}
