package io.fedgate.tlsproxy.acl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The access lists of a running proxy with their hit counters ({@code show access-list}'s {@code
 * hitcnt}): first match wins, default deny. An entry with a partner domain matches only when the
 * domain is known; asked without it, such an entry makes the verdict {@code PENDING}. Thread-safe:
 * the lists are immutable, the counters atomic.
 */
public final class AccessListTable {
  private final Map<String, Counted> lists = new LinkedHashMap<>();

  private record Counted(AccessList list, AtomicLongArray hits) {}

  /** A line of {@link #counters()}: {@code entry} 0 is the implicit deny. */
  public record Counter(String accessList, int entry, AclEntry.Action action, long hits) {}

  public AccessListTable(List<AccessList> accessLists) {
    for (AccessList list : accessLists) {
      lists.put(list.name(), new Counted(list, new AtomicLongArray(list.entries().size() + 1)));
    }
  }

  /**
   * Decides a flow against the named list; final verdicts are counted.
   *
   * @throws IllegalArgumentException for an unknown list (validation prevents it)
   */
  public AclVerdict decide(String accessList, Flow flow) {
    Counted counted = lists.get(accessList);
    if (counted == null) {
      throw new IllegalArgumentException("no access list " + accessList);
    }
    List<AclEntry> entries = counted.list().entries();
    for (int i = 0; i < entries.size(); i++) {
      AclEntry entry = entries.get(i);
      if (!entry.matchesAddresses(flow)) {
        continue;
      }
      if (entry.partnerDomain().isPresent()) {
        Optional<String> domain = flow.partnerDomain();
        if (domain.isEmpty()) {
          return new AclVerdict(AclVerdict.Kind.PENDING, accessList, 0);
        }
        if (!entry.matchesDomain(domain.get())) {
          continue;
        }
      }
      counted.hits().incrementAndGet(i + 1);
      AclVerdict.Kind kind =
          entry.action() == AclEntry.Action.PERMIT ? AclVerdict.Kind.PERMIT : AclVerdict.Kind.DENY;
      return new AclVerdict(kind, accessList, i + 1);
    }
    counted.hits().incrementAndGet(0);
    return new AclVerdict(AclVerdict.Kind.DENY, accessList, 0);
  }

  /** Every entry's hits, list by list, the implicit deny last. */
  public List<Counter> counters() {
    List<Counter> out = new ArrayList<>();
    lists.forEach(
        (name, counted) -> {
          List<AclEntry> entries = counted.list().entries();
          for (int i = 0; i < entries.size(); i++) {
            out.add(new Counter(name, i + 1, entries.get(i).action(), counted.hits().get(i + 1)));
          }
          out.add(new Counter(name, 0, AclEntry.Action.DENY, counted.hits().get(0)));
        });
    return out;
  }
}
