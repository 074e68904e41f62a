package io.fedgate.appliance.s2s;

import io.fedgate.appliance.federation.PartnerRules;
import io.fedgate.appliance.store.JdbcXmppPartners.Negotiation;
import java.util.ArrayList;
import java.util.List;

/** TEMPORARY until xmpp-federation's PartnerMatrix lands: PROTOCOL.md §8 derived rule. */
public final class S2sPartnerRules implements PartnerRules {
  @Override
  public Verdict check(Negotiation tls, Negotiation sasl, boolean dialback) {
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (!dialback && (sasl == Negotiation.NOT_SUPPORTED || tls == Negotiation.NOT_SUPPORTED)) {
      errors.add("invalid");
    }
    if (sasl != Negotiation.NOT_SUPPORTED && tls != Negotiation.REQUIRED) {
      warnings.add("warn");
    }
    return new Verdict(errors, warnings);
  }
}
