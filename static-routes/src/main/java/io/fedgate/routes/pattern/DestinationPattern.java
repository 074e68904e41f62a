package io.fedgate.routes.pattern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A compiled static-route destination pattern.
 *
 * <p>Wildcards: {@code *} matches any run of characters (including none); in {@link
 * PatternSyntax#USER} patterns {@code .} matches exactly one character, in {@link
 * PatternSyntax#HOST} patterns it is a literal dot; a backslash makes the next character literal
 * ({@code \*} is an asterisk). Host patterns are matched case-insensitively against the reversed
 * host (see {@link ReversedPattern#reverseHost}); a host pattern that ends in {@code .*} also
 * matches the domain itself, so {@code .com.example.*} covers {@code example.com} and every host
 * below it, but not {@code examplex.com}.
 */
public final class DestinationPattern {

  private static final int ANY_ONE = -1;
  private static final int ANY_MANY = -2;

  private final String text;
  private final PatternSyntax syntax;
  private final int[] tokens;
  private final Specificity specificity;

  private DestinationPattern(String text, PatternSyntax syntax, int[] tokens) {
    this.text = text;
    this.syntax = syntax;
    this.tokens = tokens;
    this.specificity = measure(tokens);
  }

  /**
   * Compiles a pattern.
   *
   * @throws IllegalArgumentException if {@link #syntaxErrors} reports anything
   */
  public static DestinationPattern compile(String text, PatternSyntax syntax) {
    Objects.requireNonNull(syntax, "syntax");
    List<String> errors = syntaxErrors(text);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid pattern '" + text + "': " + errors);
    }
    String normalized = syntax == PatternSyntax.HOST ? text.toLowerCase(Locale.ROOT) : text;
    return new DestinationPattern(text, syntax, tokenize(normalized, syntax));
  }

  /**
   * Every syntax error of a pattern text (empty when it compiles). Length limits are configuration
   * rules and are checked by the route validation, not here.
   */
  public static List<String> syntaxErrors(String text) {
    List<String> errors = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      errors.add("must not be empty");
      return errors;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        errors.add("contains whitespace or a control character at position " + i);
        break;
      }
    }
    if (endsWithLoneBackslash(text)) {
      errors.add("ends with an unfinished escape '\\'");
    }
    return errors;
  }

  private static boolean endsWithLoneBackslash(String text) {
    int run = 0;
    for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
      run++;
    }
    return run % 2 == 1;
  }

  private static int[] tokenize(String text, PatternSyntax syntax) {
    int[] out = new int[text.length()];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        out[n++] = text.charAt(++i);
      } else if (c == '*') {
        out[n++] = ANY_MANY;
      } else if (c == '.' && syntax == PatternSyntax.USER) {
        out[n++] = ANY_ONE;
      } else {
        out[n++] = c;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static Specificity measure(int[] tokens) {
    int literals = 0;
    int singles = 0;
    int stars = 0;
    for (int t : tokens) {
      switch (t) {
        case ANY_ONE -> singles++;
        case ANY_MANY -> stars++;
        default -> literals++;
      }
    }
    return new Specificity(literals, singles, stars);
  }

  /**
   * Whether the subject matches: the reversed host for host patterns (lower case, as produced by
   * {@link ReversedPattern#reverseHost}), the user part for user patterns.
   */
  public boolean matches(String subject) {
    if (glob(subject)) {
      return true;
    }
    return coversDomainItself() && glob(subject + ".");
  }

  /** Host pattern ending in {@code .*}: it also matches the domain without a further label. */
  public boolean coversDomainItself() {
    int n = tokens.length;
    return syntax == PatternSyntax.HOST
        && n >= 2
        && tokens[n - 1] == ANY_MANY
        && tokens[n - 2] == '.';
  }

  /** Whether the pattern contains no wildcard at all. */
  public boolean isExact() {
    return specificity.singles() == 0 && specificity.stars() == 0;
  }

  /** Whether the last element is a {@code *} wildcard (an escaped {@code \*} does not count). */
  public boolean endsWithWildcard() {
    return tokens.length > 0 && tokens[tokens.length - 1] == ANY_MANY;
  }

  /** Whether a {@code *} wildcard appears anywhere but at the end. */
  public boolean hasInnerStar() {
    for (int i = 0; i < tokens.length - 1; i++) {
      if (tokens[i] == ANY_MANY) {
        return true;
      }
    }
    return false;
  }

  private boolean glob(String subject) {
    int p = 0;
    int s = 0;
    int starP = -1;
    int starS = 0;
    while (s < subject.length()) {
      if (p < tokens.length && (tokens[p] == ANY_ONE || tokens[p] == subject.charAt(s))) {
        p++;
        s++;
      } else if (p < tokens.length && tokens[p] == ANY_MANY) {
        starP = p++;
        starS = s;
      } else if (starP >= 0) {
        p = starP + 1;
        s = ++starS;
      } else {
        return false;
      }
    }
    while (p < tokens.length && tokens[p] == ANY_MANY) {
      p++;
    }
    return p == tokens.length;
  }

  /** The pattern as written by the operator. */
  public String text() {
    return text;
  }

  public PatternSyntax syntax() {
    return syntax;
  }

  public Specificity specificity() {
    return specificity;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DestinationPattern other
        && syntax == other.syntax
        && Arrays.equals(tokens, other.tokens);
  }

  @Override
  public int hashCode() {
    return 31 * syntax.hashCode() + Arrays.hashCode(tokens);
  }

  @Override
  public String toString() {
    return text;
  }
}
