package io.fedgate.tlsproxy.runner;

import io.fedgate.tlsproxy.acl.AclEntry;
import io.fedgate.tlsproxy.asa.AsaImportResult;
import io.fedgate.tlsproxy.asa.AsaImporter;
import java.util.Optional;

/**
 * One access-list entry of the config file in ASA syntax ({@code permit tcp any host 10.0.0.41 eq
 * 5062}), optionally followed by {@code domain partner.example}; parsed by the ASA importer.
 */
final class AclLine {
  private AclLine() {}

  static Optional<AclEntry> parse(String text) {
    String entry = text.strip();
    String domain = null;
    int at = entry.indexOf(" domain ");
    if (at > 0) {
      domain = entry.substring(at + " domain ".length()).strip();
      entry = entry.substring(0, at);
    }
    String snippet =
        (domain == null ? "" : "access-list x remark fedgate partner-domain " + domain + "\n")
            + "access-list x extended "
            + entry;
    AsaImportResult result = AsaImporter.read(snippet);
    return result
        .config()
        .flatMap(c -> c.accessList("x"))
        .filter(l -> l.entries().size() == 1)
        .map(l -> l.entries().get(0));
  }
}
