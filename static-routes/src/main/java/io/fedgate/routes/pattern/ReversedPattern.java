package io.fedgate.routes.pattern;

import io.fedgate.core.net.HostSyntax;
import java.util.Optional;

/**
 * IM&amp;P's reversed form of host names.
 *
 * <p>A host is reversed label by label, each label preceded by a dot: {@code lync.domaina.com}
 * becomes {@code .com.domaina.lync}. A domain route adds the trailing wildcard: {@code example.com}
 * becomes {@code .com.example.*}. Domain-type routes are matched against the reversed host of the
 * destination address.
 */
public final class ReversedPattern {

  private ReversedPattern() {}

  /**
   * The reversed form of a host, used as the subject of domain-route matching.
   *
   * @param host a host name (normalized by {@link HostSyntax#normalize}); labels are reversed as
   *     they are, so an IPv4 literal is reversed too and an IPv6 literal is kept whole
   */
  public static String reverseHost(String host) {
    String normalized = HostSyntax.normalize(host);
    if (normalized.contains(":")) {
      return "." + normalized;
    }
    String[] labels = normalized.split("\\.", -1);
    StringBuilder out = new StringBuilder(normalized.length() + 1);
    for (int i = labels.length - 1; i >= 0; i--) {
      out.append('.').append(labels[i]);
    }
    return out.toString();
  }

  /**
   * The domain-route pattern for a domain and all hosts below it: {@code example.com} -> {@code
   * .com.example.*}.
   *
   * @throws IllegalArgumentException if the argument is not a DNS name (check with {@link
   *     HostSyntax#isDnsName} first)
   */
  public static String forDomain(String domain) {
    return requireName(domain) + ".*";
  }

  /**
   * The domain-route pattern for exactly one host: {@code lync.domaina.com} -> {@code
   * .com.domaina.lync}.
   *
   * @throws IllegalArgumentException if the argument is not a DNS name
   */
  public static String forHost(String host) {
    return requireName(host);
  }

  private static String requireName(String name) {
    String normalized = name == null ? "" : HostSyntax.normalize(name);
    if (!HostSyntax.isDnsName(normalized)) {
      throw new IllegalArgumentException("not a DNS name: '" + name + "'");
    }
    return reverseHost(normalized);
  }

  /**
   * The forward name a literal reversed pattern stands for: {@code .com.example.*} -> {@code
   * example.com}, {@code .com.domaina.lync} -> {@code lync.domaina.com}; empty when the pattern has
   * other wildcards, escapes, or is not in reversed form.
   */
  public static Optional<String> forwardName(String pattern) {
    String body = pattern.endsWith(".*") ? pattern.substring(0, pattern.length() - 2) : pattern;
    if (body.length() < 2 || body.charAt(0) != '.') {
      return Optional.empty();
    }
    String[] labels = body.substring(1).split("\\.", -1);
    StringBuilder out = new StringBuilder(body.length());
    for (int i = labels.length - 1; i >= 0; i--) {
      out.append(labels[i]);
      if (i > 0) {
        out.append('.');
      }
    }
    String name = out.toString();
    return HostSyntax.isDnsName(name)
        ? Optional.of(name.toLowerCase(java.util.Locale.ROOT))
        : Optional.empty();
  }
}
