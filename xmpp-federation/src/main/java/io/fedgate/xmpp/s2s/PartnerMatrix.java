package io.fedgate.xmpp.s2s;

import io.fedgate.core.config.ConfigProblem;
import io.fedgate.core.net.HostSyntax;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Lync/SfB XMPP partner negotiation matrix (PROTOCOL.md §8, "Negotiation settings for XMPP
 * federated partners"): which combinations of TLS, SASL and dialback negotiation can authenticate
 * at all. A combination is invalid iff dialback is off and SASL or TLS is "not supported" (rows 6,
 * 12, 14, 16, 18): no authentication method would remain. Field names in the problems are the
 * {@link PartnerSettings} component names.
 */
public final class PartnerMatrix {
  private PartnerMatrix() {}

  /** Every reason the partner cannot be saved; empty when it can. */
  public static List<ConfigProblem> validate(PartnerSettings partner) {
    List<ConfigProblem> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    if (!HostSyntax.isDnsName(partner.primaryDomain())) {
      problems.add(
          new ConfigProblem(
              "primaryDomain", "'" + partner.primaryDomain() + "' is not a DNS domain name"));
    }
    seen.add(partner.primaryDomain());
    for (String domain : partner.additionalDomains()) {
      if (!HostSyntax.isDnsName(domain)) {
        problems.add(
            new ConfigProblem("additionalDomains", "'" + domain + "' is not a DNS domain name"));
      } else if (!seen.add(domain)) {
        problems.add(
            new ConfigProblem("additionalDomains", "'" + domain + "' is listed more than once"));
      }
    }
    if (!partner.dialback()) {
      if (partner.tls() == Negotiation.NOT_SUPPORTED
          && partner.sasl() != Negotiation.NOT_SUPPORTED) {
        problems.add(
            new ConfigProblem(
                "sasl",
                "SASL negotiation is impossible without TLS (TLS negotiation is NOT_SUPPORTED) and"
                    + " dialback is disabled: no authentication method remains; enable dialback or"
                    + " allow TLS"));
      }
      if (partner.sasl() == Negotiation.NOT_SUPPORTED) {
        problems.add(
            new ConfigProblem(
                "dialback",
                "SASL negotiation is NOT_SUPPORTED and dialback is disabled: SASL or dialback must"
                    + " be enabled"));
      }
      if (partner.tls() == Negotiation.NOT_SUPPORTED
          && partner.sasl() == Negotiation.NOT_SUPPORTED) {
        problems.add(
            new ConfigProblem(
                "tls",
                "TLS negotiation is NOT_SUPPORTED, so SASL cannot run; with dialback disabled the"
                    + " partner cannot authenticate"));
      }
    }
    return List.copyOf(problems);
  }

  /**
   * The saveable but fragile combinations (rows 1, 3-5, 9-11): SASL that may meet a stream without
   * TLS, and "dialback never runs" when TLS and SASL are both required.
   */
  public static List<ConfigProblem> warnings(PartnerSettings partner) {
    List<ConfigProblem> warnings = new ArrayList<>();
    if (partner.sasl() != Negotiation.NOT_SUPPORTED && partner.tls() != Negotiation.REQUIRED) {
      warnings.add(
          new ConfigProblem(
              "sasl",
              "SASL needs TLS but TLS negotiation is "
                  + partner.tls()
                  + ": the negotiation can break when the stream is not encrypted"));
    }
    if (partner.tls() == Negotiation.REQUIRED
        && partner.sasl() == Negotiation.REQUIRED
        && partner.dialback()) {
      warnings.add(
          new ConfigProblem(
              "dialback", "dialback never runs when TLS and SASL negotiation are both REQUIRED"));
    }
    return List.copyOf(warnings);
  }
}
