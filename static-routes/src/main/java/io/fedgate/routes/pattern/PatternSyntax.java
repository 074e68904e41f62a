package io.fedgate.routes.pattern;

/**
 * How a destination pattern reads its characters.
 *
 * <p>IM&amp;P uses two readings. For user (phone) patterns {@code .} is a one-character wildcard.
 * In host names {@code .} is the literal label separator; treating it as a wildcard would let
 * {@code .com.example.*} also match {@code .com.exampleX}, i.e. route {@code examplex.com} to the
 * next hop of {@code example.com}. In both readings {@code *} matches any run of characters
 * (including none) and a backslash makes the next character literal ({@code \*}).
 */
public enum PatternSyntax {
  /** Route type user: {@code .} matches exactly one character; case-sensitive. */
  USER,
  /** Route type domain: {@code .} is a literal dot; matched case-insensitively. */
  HOST
}
