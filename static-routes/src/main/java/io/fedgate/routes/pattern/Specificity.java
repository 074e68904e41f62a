package io.fedgate.routes.pattern;

import java.util.Comparator;

/**
 * How specific a pattern is; routes are tried from the most specific matching pattern down.
 *
 * <p>The order, from most to least significant: more literal characters wins (an escaped {@code \*}
 * counts as a literal); then fewer {@code *} wildcards; then more one-character wildcards. So
 * {@code .com.example.sip} beats {@code .com.example.*}, which beats {@code .com.*}, which beats
 * {@code .*}; and for user routes {@code 1408.......} beats {@code 1408*}. Two patterns with equal
 * specificity that both match an address form one tier and compete by priority and weight.
 *
 * @param literals literal characters
 * @param singles one-character wildcards ({@code .} in user patterns)
 * @param stars {@code *} wildcards
 */
public record Specificity(int literals, int singles, int stars) implements Comparable<Specificity> {

  /** Most specific first. */
  public static final Comparator<Specificity> MOST_SPECIFIC_FIRST =
      Comparator.<Specificity>naturalOrder().reversed();

  private static final Comparator<Specificity> ORDER =
      Comparator.comparingInt(Specificity::literals)
          .thenComparing(Specificity::stars, Comparator.reverseOrder())
          .thenComparingInt(Specificity::singles);

  /** Ascending: a greater value is more specific. */
  @Override
  public int compareTo(Specificity other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return literals + " literal, " + singles + " single-char, " + stars + " multi-char";
  }
}
