package io.fedgate.acl.incoming;

import io.fedgate.acl.net.DomainName;
import io.fedgate.acl.net.IpAddress;
import io.fedgate.acl.net.IpRange;
import java.util.Locale;
import java.util.Optional;

/** The compiled form of an entry's pattern. */
sealed interface EntryMatcher {

  default boolean matchesAddress(IpAddress address) {
    return false;
  }

  default boolean matchesName(DomainName name) {
    return false;
  }

  /** Identity for duplicate detection: type and normalized pattern. */
  String key();

  record All() implements EntryMatcher {
    @Override
    public String key() {
      return "ALL";
    }
  }

  record Exact(IpAddress address) implements EntryMatcher {
    @Override
    public boolean matchesAddress(IpAddress other) {
      return address.equals(other);
    }

    @Override
    public String key() {
      return "IP " + address;
    }
  }

  record Block(IpRange range) implements EntryMatcher {
    @Override
    public boolean matchesAddress(IpAddress other) {
      return range.contains(other);
    }

    @Override
    public String key() {
      return "CIDR " + range;
    }
  }

  record Host(DomainName name) implements EntryMatcher {
    @Override
    public boolean matchesName(DomainName other) {
      return name.equals(other);
    }

    @Override
    public String key() {
      return "FQDN " + name;
    }
  }

  record Domain(DomainName domain) implements EntryMatcher {
    @Override
    public boolean matchesName(DomainName other) {
      return domain.isSameOrParentOf(other);
    }

    @Override
    public String key() {
      return "DOMAIN " + domain;
    }
  }

  /** Compiles a well-formed entry; empty if its pattern does not fit its type. */
  static Optional<EntryMatcher> compile(AclEntry entry) {
    if (entry.type() == null || entry.pattern() == null) {
      return Optional.empty();
    }
    String p = entry.pattern().trim();
    return switch (entry.type()) {
      case ALL ->
          p.toUpperCase(Locale.ROOT).equals(AclEntry.ALL_PATTERN)
              ? Optional.of(new All())
              : Optional.empty();
      case IP -> IpAddress.parse(p).map(Exact::new);
      case CIDR -> IpRange.parse(p).filter(IpRange::isNetworkAddress).map(Block::new);
      case FQDN -> DomainName.parse(p).map(Host::new);
      case DOMAIN -> DomainName.parse(p).map(Domain::new);
    };
  }
}
