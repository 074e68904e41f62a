package io.fedgate.certstore.store;

import java.util.List;

/**
 * Rows to write and rows to remove, applied by {@link CertificateRepository#apply} all together or
 * not at all (one transaction in the JDBC adapter).
 *
 * @param puts inserted, or replacing the row with the same store and alias
 * @param removals removed if present
 */
public record EntryChanges(List<CertificateEntry> puts, List<EntryKey> removals) {
  public EntryChanges {
    puts = List.copyOf(puts);
    removals = List.copyOf(removals);
  }

  public static EntryChanges put(CertificateEntry entry) {
    return new EntryChanges(List.of(entry), List.of());
  }

  public static EntryChanges remove(EntryKey... keys) {
    return new EntryChanges(List.of(), List.of(keys));
  }
}
