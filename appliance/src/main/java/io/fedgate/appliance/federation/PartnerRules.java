package io.fedgate.appliance.federation;

import io.fedgate.appliance.store.JdbcXmppPartners.Negotiation;
import java.util.List;

/**
 * The Lync negotiation matrix (PROTOCOL.md §8) as the partner admin consults it: the protocol
 * module's rule, adapted by the composition root.
 */
@FunctionalInterface
public interface PartnerRules {

  /** What the matrix says of one combination: errors refuse the save, warnings are shown. */
  record Verdict(List<String> errors, List<String> warnings) {
    public Verdict {
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
    }
  }

  Verdict check(Negotiation tls, Negotiation sasl, boolean dialback);
}
