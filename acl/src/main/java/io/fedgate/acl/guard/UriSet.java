package io.fedgate.acl.guard;

/**
 * Distinct local URIs of one partner as 64-bit keyed hashes in an open-addressing table (8 bytes
 * per URI plus slack), so that 1000 URIs cost about 16 KiB whatever their length. The table grows
 * only up to the limit it is created for. Not thread-safe.
 */
final class UriSet {

  private final int maxTable;
  private long[] table = new long[16];
  private int size;

  /** A set meant to hold at most {@code limit} entries. */
  UriSet(int limit) {
    this.maxTable = Integer.highestOneBit(Math.max(8, limit) * 2 - 1) * 2;
  }

  int size() {
    return size;
  }

  /** Adds a hash; true if it was not there before. */
  boolean add(long hash) {
    long key = hash == 0 ? 1 : hash;
    if (size >= table.length - 1) {
      throw new IllegalStateException(
          "distinct-URI table full at " + size + "; limit not enforced");
    }
    int mask = table.length - 1;
    int i = (int) (key ^ (key >>> 32)) & mask;
    while (table[i] != 0) {
      if (table[i] == key) {
        return false;
      }
      i = (i + 1) & mask;
    }
    table[i] = key;
    size++;
    if (size * 2 > table.length && table.length < maxTable) {
      grow();
    }
    return true;
  }

  private void grow() {
    long[] old = table;
    table = new long[old.length * 2];
    size = 0;
    for (long key : old) {
      if (key != 0) {
        add(key);
      }
    }
  }

  /** A keyed 64-bit hash of a URI (FNV-1a, then a SplitMix64 finalizer). */
  static long hash(String uri, long key) {
    long h = 0xcbf29ce484222325L ^ key;
    for (int i = 0; i < uri.length(); i++) {
      h ^= uri.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 30;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 27;
    h *= 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }
}
