package io.fedgate.acl.incoming;

import io.fedgate.acl.AclProblem;
import io.fedgate.acl.AclProblem.Code;
import io.fedgate.acl.net.IpRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Validation of incoming ACL entries: every problem at once, nothing corrected. */
public final class AclValidator {

  /** Longest description. */
  public static final int MAX_DESCRIPTION = 255;

  private AclValidator() {}

  /** Problems of one entry (fields {@code type}, {@code pattern}, {@code description}). */
  public static List<AclProblem> validate(AclEntry entry) {
    List<AclProblem> out = new ArrayList<>();
    if (entry.type() == null) {
      out.add(new AclProblem("type", Code.REQUIRED, "entry type is required"));
    }
    if (entry.pattern() == null || entry.pattern().isBlank()) {
      out.add(new AclProblem("pattern", Code.REQUIRED, "address pattern is required"));
    } else if (entry.type() != null && EntryMatcher.compile(entry).isEmpty()) {
      out.add(patternProblem(entry.type(), entry.pattern().trim()));
    }
    if (entry.description() == null) {
      out.add(new AclProblem("description", Code.REQUIRED, "description must not be null"));
    } else if (entry.description().length() > MAX_DESCRIPTION) {
      out.add(
          new AclProblem(
              "description",
              Code.TOO_LONG,
              "description has "
                  + entry.description().length()
                  + " characters, at most "
                  + MAX_DESCRIPTION));
    }
    return out;
  }

  /** Problems of a list: each entry's (as {@code entries[i].field}) and duplicates. */
  public static List<AclProblem> validate(List<AclEntry> entries) {
    List<AclProblem> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      AclEntry entry = entries.get(i);
      List<AclProblem> own = validate(entry);
      for (AclProblem p : own) {
        out.add(p.at("entries", i));
      }
      if (own.isEmpty()) {
        String key = EntryMatcher.compile(entry).orElseThrow().key() + "|" + entry.readOnly();
        Integer earlier = seen.putIfAbsent(key, i);
        if (earlier != null) {
          out.add(
              new AclProblem("pattern", Code.DUPLICATE, "same as entry " + earlier)
                  .at("entries", i));
        }
      }
    }
    return out;
  }

  private static AclProblem patternProblem(AclEntryType type, String p) {
    return switch (type) {
      case ALL ->
          new AclProblem(
              "pattern",
              Code.INVALID_PATTERN,
              "an open (ALL) entry has the pattern 'ALL', not '" + p + "'");
      case IP ->
          new AclProblem(
              "pattern",
              Code.INVALID_IP,
              "'"
                  + p
                  + "' is not an IPv4 or IPv6 address (names are not resolved: use an FQDN entry)");
      case CIDR -> cidrProblem(p);
      case FQDN, DOMAIN ->
          new AclProblem(
              "pattern",
              Code.INVALID_NAME,
              "'"
                  + p
                  + "' is not a DNS name"
                  + (p.startsWith("*.") ? " (a domain entry covers subdomains; omit '*.')" : ""));
    };
  }

  private static AclProblem cidrProblem(String p) {
    Optional<IpRange> range = IpRange.parse(p);
    if (range.isPresent()) {
      return new AclProblem(
          "pattern",
          Code.HOST_BITS_SET,
          "'"
              + p
              + "' has host bits set; the block is "
              + range.get().network()
              + "/"
              + range.get().prefix());
    }
    return new AclProblem(
        "pattern", Code.INVALID_CIDR, "'" + p + "' is not address/prefix (e.g. 192.0.2.0/24)");
  }
}
