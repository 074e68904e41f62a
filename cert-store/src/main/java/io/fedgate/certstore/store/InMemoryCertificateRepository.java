package io.fedgate.certstore.store;

import io.fedgate.certstore.StoreName;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link CertificateRepository} in memory, for tests and for a node without a database. */
public final class InMemoryCertificateRepository implements CertificateRepository {
  private static final Comparator<EntryKey> ORDER =
      Comparator.comparing((EntryKey k) -> k.store().storeName()).thenComparing(EntryKey::alias);

  private final Map<EntryKey, CertificateEntry> entries = new TreeMap<>(ORDER);

  @Override
  public synchronized Optional<CertificateEntry> find(EntryKey key) {
    return Optional.ofNullable(entries.get(key));
  }

  @Override
  public synchronized List<CertificateEntry> list(StoreName store) {
    return entries.values().stream().filter(e -> e.store() == store).toList();
  }

  @Override
  public synchronized List<CertificateEntry> listAll() {
    return List.copyOf(entries.values());
  }

  @Override
  public synchronized void apply(EntryChanges changes) {
    Map<EntryKey, CertificateEntry> next = new TreeMap<>(ORDER);
    next.putAll(entries);
    changes.removals().forEach(next::remove);
    changes.puts().forEach(e -> next.put(e.key(), e));
    entries.clear();
    entries.putAll(next);
  }
}
