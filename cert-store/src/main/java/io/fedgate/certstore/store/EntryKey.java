package io.fedgate.certstore.store;

import io.fedgate.certstore.StoreName;
import java.util.Objects;

/** The natural key of an entry: {@code UNIQUE(store_name, entry_alias)}. */
public record EntryKey(StoreName store, String alias) {
  public EntryKey {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(alias, "alias");
  }

  @Override
  public String toString() {
    return store + "/" + alias;
  }
}
