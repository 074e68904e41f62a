package io.fedgate.acl.incoming;

import io.fedgate.acl.AclProblem;
import io.fedgate.acl.net.DomainName;
import java.util.List;
import java.util.Optional;

/**
 * The incoming ACL as a decision function. With an {@code ALL} entry every peer is allowed (open).
 * Otherwise, as in IM&amp;P, a peer needs two matches: its address in an IP or CIDR entry, and one
 * of its names in an FQDN or domain entry. An empty ACL allows nobody.
 *
 * <p>Immutable and thread-safe.
 */
public final class IncomingAcl {

  private record Compiled(AclEntry entry, EntryMatcher matcher) {}

  private final List<AclEntry> entries;
  private final List<Compiled> compiled;

  /**
   * The last decision: a SIP Edge sends every request on one connection, so the same peer is
   * decided again and again (the decision depends on the peer and this immutable ACL only).
   */
  private volatile Remembered last;

  private record Remembered(Peer peer, AclDecision decision) {}

  private IncomingAcl(List<AclEntry> entries) {
    this.entries = List.copyOf(entries);
    this.compiled =
        this.entries.stream()
            .map(e -> new Compiled(e, EntryMatcher.compile(e).orElseThrow()))
            .toList();
  }

  /**
   * An ACL over valid entries.
   *
   * @throws IllegalArgumentException listing the problems if {@link AclValidator} finds any
   */
  public static IncomingAcl of(List<AclEntry> entries) {
    List<AclProblem> problems = AclValidator.validate(entries);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid incoming ACL: " + problems);
    }
    return new IncomingAcl(entries);
  }

  /** Whether an {@code ALL} entry opens the ACL. */
  public boolean isOpen() {
    return compiled.stream().anyMatch(c -> c.matcher() instanceof EntryMatcher.All);
  }

  public List<AclEntry> entries() {
    return entries;
  }

  /** Decides for one peer. */
  public AclDecision evaluate(Peer peer) {
    Remembered remembered = last;
    if (remembered != null && remembered.peer().equals(peer)) {
      return remembered.decision();
    }
    AclDecision decision = decideFresh(peer);
    last = new Remembered(peer, decision);
    return decision;
  }

  private AclDecision decideFresh(Peer peer) {
    Optional<AclEntry> open =
        compiled.stream()
            .filter(c -> c.matcher() instanceof EntryMatcher.All)
            .map(Compiled::entry)
            .findFirst();
    if (open.isPresent()) {
      return new AclDecision(
          AclDecision.Reason.ALLOWED_OPEN, open, Optional.empty(), "ACL is open (ALL)");
    }
    Optional<AclEntry> byAddress =
        compiled.stream()
            .filter(c -> c.matcher().matchesAddress(peer.address()))
            .map(Compiled::entry)
            .findFirst();
    List<DomainName> names =
        peer.names().stream()
            .map(DomainName::parse)
            .flatMap(Optional::stream)
            .sorted(java.util.Comparator.comparing(DomainName::value))
            .toList();
    Optional<AclEntry> byName =
        compiled.stream()
            .filter(c -> names.stream().anyMatch(n -> c.matcher().matchesName(n)))
            .map(Compiled::entry)
            .findFirst();
    return decide(peer, names, byAddress, byName);
  }

  private static AclDecision decide(
      Peer peer, List<DomainName> names, Optional<AclEntry> byAddress, Optional<AclEntry> byName) {
    String who = peer.address() + " " + names;
    AclDecision.Reason reason;
    if (byAddress.isPresent() && byName.isPresent()) {
      reason = AclDecision.Reason.ALLOWED;
    } else if (byAddress.isEmpty() && byName.isEmpty()) {
      reason = AclDecision.Reason.DENIED_NOT_LISTED;
    } else if (byAddress.isEmpty()) {
      reason = AclDecision.Reason.DENIED_IP_NOT_LISTED;
    } else {
      reason =
          names.isEmpty()
              ? AclDecision.Reason.DENIED_FQDN_UNKNOWN
              : AclDecision.Reason.DENIED_FQDN_NOT_LISTED;
    }
    String detail =
        switch (reason) {
          case ALLOWED -> who + " matched " + byAddress.get() + " and " + byName.get();
          case DENIED_NOT_LISTED -> who + ": neither the address nor a name is listed";
          case DENIED_IP_NOT_LISTED ->
              who + ": name matched " + byName.get() + ", but the address is in no IP/CIDR entry";
          case DENIED_FQDN_UNKNOWN ->
              who + ": address matched " + byAddress.get() + ", but the peer's name is unknown";
          case DENIED_FQDN_NOT_LISTED ->
              who
                  + ": address matched "
                  + byAddress.get()
                  + ", but no name is in an FQDN/domain entry";
          case ALLOWED_OPEN -> who + ": ACL is open";
        };
    return new AclDecision(reason, byAddress, byName, detail);
  }
}
