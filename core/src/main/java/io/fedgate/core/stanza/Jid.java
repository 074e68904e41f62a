package io.fedgate.core.stanza;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * A JID (RFC 7622) split into its parts, prepared for comparison: every part in Unicode NFC, the
 * localpart and domain case-folded (lower case), a domain's trailing dot removed (§3.2), each part
 * at most 1023 octets of UTF-8. The localpart refuses the characters RFC 7622 §3.3.1 excludes
 * ({@code " & ' / : < > @}), spaces and controls; the resourcepart refuses controls; the domain
 * refuses spaces, controls, {@code @ /} and empty labels. This is the PRECIS IdentifierClass and
 * OpaqueString profiles' effect on the JIDs federation sees, not the full PRECIS tables (width
 * mapping and the unassigned-code-point check are not applied; ADR 8).
 */
public record Jid(String local, String domain, String resource) {
  private static final int MAX_OCTETS = 1023;

  public Jid {
    local = local == null ? "" : prepareFolded(local);
    domain = prepareDomain(domain == null ? "" : domain);
    resource =
        resource == null
            ? ""
            : ascii(resource, false)
                ? resource
                : Normalizer.normalize(resource, Normalizer.Form.NFC);
    if (!validDomain(domain) || !validLocal(local) || !validResource(resource)) {
      throw new IllegalArgumentException("malformed JID");
    }
  }

  /** Parses {@code [local@]domain[/resource]}; empty if malformed. */
  public static Optional<Jid> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int slash = text.indexOf('/');
    String bare = slash < 0 ? text : text.substring(0, slash);
    String resource = slash < 0 ? "" : text.substring(slash + 1);
    int at = bare.indexOf('@');
    String local = at < 0 ? "" : bare.substring(0, at);
    String domain = at < 0 ? bare : bare.substring(at + 1);
    if ((at >= 0 && local.isEmpty()) || (slash >= 0 && resource.isEmpty()) || domain.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Jid(local, domain, resource));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether a client may bind this resourcepart (NFC, no controls, 1-1023 octets). */
  public static boolean isValidResource(String resource) {
    return resource != null
        && !resource.isEmpty()
        && validResource(Normalizer.normalize(resource, Normalizer.Form.NFC));
  }

  public Jid bare() {
    return new Jid(local, domain, "");
  }

  public boolean isBare() {
    return resource.isEmpty();
  }

  public Jid withResource(String newResource) {
    return new Jid(local, domain, newResource);
  }

  @Override
  public String toString() {
    String bare = local.isEmpty() ? domain : local + "@" + domain;
    return resource.isEmpty() ? bare : bare + "/" + resource;
  }

  private static String prepareFolded(String part) {
    if (ascii(part, true)) {
      return part; // NFC and lower case already: the usual JID, on every stanza (no ICU quick
      // check)
    }
    return Normalizer.normalize(part, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  /**
   * Printable ASCII only ({@code !} to {@code ~}: NFC as it is, no space, no control), and with
   * {@code lowerOnly} no upper-case letter.
   */
  private static boolean ascii(String part, boolean lowerOnly) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c <= ' ' || c >= 0x7f || (lowerOnly && c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return true;
  }

  private static String prepareDomain(String domain) {
    String prepared = prepareFolded(domain);
    return prepared.endsWith(".") && prepared.length() > 1
        ? prepared.substring(0, prepared.length() - 1)
        : prepared;
  }

  private static boolean validLocal(String local) {
    if (octets(local) > MAX_OCTETS) {
      return false;
    }
    if (ascii(local, false)) {
      return noneOf(local, "\"&'/:<>@");
    }
    for (int i = 0; i < local.length(); ) {
      int c = local.codePointAt(i);
      if ("\"&'/:<>@".indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        return false;
      }
      if (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  private static boolean validDomain(String domain) {
    if (domain.isEmpty() || octets(domain) > MAX_OCTETS) {
      return false;
    }
    if (domain.startsWith("[") && domain.endsWith("]")) {
      return domain.length() > 2 && domain.substring(1, domain.length() - 1).matches("[0-9a-f:.]+");
    }
    if (domain.startsWith(".") || domain.contains("..")) {
      return false; // an empty label
    }
    if (ascii(domain, false)) {
      return noneOf(domain, "@/\\[]");
    }
    for (int i = 0; i < domain.length(); ) {
      int c = domain.codePointAt(i);
      if ("@/\\[]".indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        return false;
      }
      if (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  private static boolean validResource(String resource) {
    if (octets(resource) > MAX_OCTETS) {
      return false;
    }
    if (ascii(resource, false)) {
      return true; // printable ASCII: no control character
    }
    for (int i = 0; i < resource.length(); ) {
      int c = resource.codePointAt(i);
      if (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  private static boolean noneOf(String part, String forbidden) {
    for (int i = 0; i < part.length(); i++) {
      if (forbidden.indexOf(part.charAt(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static int octets(String part) {
    return part.length() <= MAX_OCTETS / 3
        ? part.length() // at most 3 octets per UTF-16 unit: cannot exceed
        : part.getBytes(StandardCharsets.UTF_8).length;
  }
}
