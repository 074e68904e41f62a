package io.fedgate.acl.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UriSetTest {

  @Test
  void countsDistinctUpToItsLimit() {
    UriSet set = new UriSet(1001);
    SplittableRandom random = new SplittableRandom(5);
    Set<Long> reference = new HashSet<>();
    for (int i = 0; i < 1001; i++) {
      long h = i == 7 ? 0 : random.nextLong();
      assertThat(set.add(h)).isEqualTo(reference.add(h == 0 ? 1 : h));
      assertThat(set.add(h)).isFalse();
    }
    assertThat(set.size()).isEqualTo(reference.size());
  }

  @Test
  void refusesToOverfill() {
    UriSet set = new UriSet(1);
    for (int i = 1; i <= 15; i++) {
      set.add(i);
    }
    assertThatThrownBy(() -> set.add(99)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void keyedHashes() {
    assertThat(UriSet.hash("sip:a@local", 1)).isNotEqualTo(UriSet.hash("sip:a@local", 2));
    assertThat(UriSet.hash("sip:a@local", 1)).isEqualTo(UriSet.hash("sip:a@local", 1));
    assertThat(UriSet.hash("sip:a@local", 1)).isNotEqualTo(UriSet.hash("sip:b@local", 1));
  }
}
