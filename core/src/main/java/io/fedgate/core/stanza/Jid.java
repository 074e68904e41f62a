package io.fedgate.core.stanza;

import java.util.Locale;
import java.util.Optional;

/**
 * A JID (RFC 7622) split into its parts. Localpart and domain are lower-cased; no further PRECIS
 * preparation is applied yet (ASCII users and domains only).
 */
public record Jid(String local, String domain, String resource) {

  public Jid {
    local = local == null ? "" : local.toLowerCase(Locale.ROOT);
    domain = domain.toLowerCase(Locale.ROOT);
    resource = resource == null ? "" : resource;
    if (domain.isEmpty() || local.length() > 1023 || resource.length() > 1023) {
      throw new IllegalArgumentException("malformed JID");
    }
  }

  /** Parses {@code [local@]domain[/resource]}; empty if malformed. */
  public static Optional<Jid> parse(String text) {
    int slash = text.indexOf('/');
    String bare = slash < 0 ? text : text.substring(0, slash);
    String resource = slash < 0 ? "" : text.substring(slash + 1);
    int at = bare.indexOf('@');
    String local = at < 0 ? "" : bare.substring(0, at);
    String domain = at < 0 ? bare : bare.substring(at + 1);
    if ((at >= 0 && local.isEmpty()) || (slash >= 0 && resource.isEmpty()) || domain.isEmpty()) {
      return Optional.empty();
    }
    if (domain.contains("@") || domain.contains(" ") || local.matches(".*[\"&'/:<>@\\s].*")) {
      return Optional.empty();
    }
    return Optional.of(new Jid(local, domain, resource));
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
}
