package io.fedgate.appliance.users;

import io.fedgate.core.config.ConfigProblem;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules for usernames (JID localparts), passwords and domains. Usernames follow the basics of
 * RFC 7622 §3.3: 1 to 1023 bytes of UTF-8, none of {@code " & ' / : < > @}, no whitespace or
 * control characters; they are case-folded to lower case and NFC-normalised (a simplification of
 * the PRECIS UsernameCaseMapped profile, which is not implemented yet).
 */
public final class UserValidation {
  /** Shortest password accepted. */
  public static final int MIN_PASSWORD = 8;

  /** Longest password accepted. */
  public static final int MAX_PASSWORD = 1023;

  private static final String FORBIDDEN = "\"&'/:<>@";

  private final List<String> localDomains;

  public UserValidation(List<String> localDomains) {
    this.localDomains = List.copyOf(localDomains);
  }

  /** The canonical form of a username: NFC, lower case, trimmed. */
  public static String normalise(String username) {
    return Normalizer.normalize(username.trim(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  /** The domain to use: the given one lower-cased, or the default (first) local domain. */
  public String domainOrDefault(String domain) {
    return domain == null || domain.isBlank()
        ? localDomains.get(0)
        : domain.trim().toLowerCase(Locale.ROOT);
  }

  public List<ConfigProblem> username(String username) {
    List<ConfigProblem> problems = new ArrayList<>();
    int bytes = username.getBytes(StandardCharsets.UTF_8).length;
    if (bytes == 0 || bytes > 1023) {
      problems.add(new ConfigProblem("username", "must be 1 to 1023 bytes long"));
    }
    boolean bad =
        username
            .codePoints()
            .anyMatch(
                cp ->
                    FORBIDDEN.indexOf(cp) >= 0
                        || Character.isWhitespace(cp)
                        || Character.isSpaceChar(cp)
                        || Character.isISOControl(cp)
                        || Character.getType(cp) == Character.UNASSIGNED);
    if (bad) {
      problems.add(
          new ConfigProblem(
              "username", "must not contain spaces, control characters or any of " + FORBIDDEN));
    }
    return problems;
  }

  public List<ConfigProblem> password(char[] password) {
    if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
      return List.of(
          new ConfigProblem(
              "password", "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters long"));
    }
    return List.of();
  }

  public List<ConfigProblem> domain(String domain) {
    if (!localDomains.contains(domain)) {
      return List.of(
          new ConfigProblem(
              "domain",
              "'" + domain + "' is not a local domain (node.domains: " + localDomains + ")"));
    }
    return List.of();
  }
}
