package io.fedgate.appliance.federation;

import io.fedgate.acl.AclProblem;
import io.fedgate.acl.policy.FederationOverlap;
import io.fedgate.appliance.config.ConfigChanges;
import io.fedgate.appliance.config.ConfigChanges.Change;
import io.fedgate.appliance.config.ConfigObject;
import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.appliance.store.AuditEntry.ChangeKind;
import io.fedgate.appliance.store.JdbcSipDomains.SipDomain;
import io.fedgate.appliance.store.JdbcXmppPartners;
import io.fedgate.appliance.store.JdbcXmppPartners.XmppPartner;
import io.fedgate.core.config.ConfigProblem;
import io.fedgate.core.net.HostSyntax;
import io.fedgate.xmpp.s2s.PartnerMatrix;
import io.fedgate.xmpp.s2s.PartnerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lync-style XMPP partners (New-/Set-/Remove-CsXmppAllowedPartner): primary and additional domains,
 * partner type, TLS/SASL/dialback negotiation. A combination the negotiation matrix calls invalid
 * is refused with the matrix's reason; warnings travel with the stored partner. A domain cannot be
 * both an XMPP partner and a SIP federated domain, nor a local domain. Changes need a restart of
 * the XMPP Federation Connection Manager.
 */
public final class XmppPartnerAdmin {

  /** A partner with what the negotiation matrix warns about it. */
  public record PartnerView(XmppPartner partner, List<String> warnings) {}

  private final ConfigChanges changes;
  private final JdbcXmppPartners store;
  private final SipDomainAdmin sipDomains;
  private final List<String> localDomains;

  public XmppPartnerAdmin(
      ConfigChanges changes,
      JdbcXmppPartners store,
      SipDomainAdmin sipDomains,
      List<String> localDomains) {
    this.changes = changes;
    this.store = store;
    this.sipDomains = sipDomains;
    this.localDomains = List.copyOf(localDomains);
  }

  public List<PartnerView> list() {
    return partners().stream().map(this::view).toList();
  }

  public List<XmppPartner> partners() {
    return changes.read(store::list);
  }

  public Optional<PartnerView> find(String primaryDomain) {
    String name = HostSyntax.normalize(primaryDomain);
    return partners().stream()
        .filter(p -> p.primaryDomain().equals(name))
        .findFirst()
        .map(this::view);
  }

  /**
   * What is wrong with a partner to add (or, with {@code update}, to replace the stored partner of
   * the same primary domain), without storing anything.
   */
  public List<ConfigProblem> problems(XmppPartner requested, boolean update) {
    XmppPartner partner = normalised(requested);
    XmppPartner replacing =
        update
            ? partners().stream()
                .filter(p -> p.primaryDomain().equals(partner.primaryDomain()))
                .findFirst()
                .orElse(null)
            : null;
    return validate(replacing == null ? partner : partner.withId(replacing.id()), replacing);
  }

  public ConfigResult<PartnerView> add(String actor, XmppPartner requested) {
    XmppPartner partner = normalised(requested);
    List<ConfigProblem> problems = validate(partner, null);
    if (!problems.isEmpty()) {
      return ConfigResult.refused(problems);
    }
    ConfigResult<PartnerView> result =
        changes.apply(
            c -> view(store.insert(c, partner)),
            stored ->
                new Change(
                    actor,
                    ConfigObject.XMPP_PARTNERS,
                    partner.primaryDomain(),
                    ChangeKind.CREATE,
                    null,
                    stored.partner()));
    sipDomains.reloadDeclared();
    return result;
  }

  /** Replaces a partner's settings; its primary domain names it and stays. */
  public ConfigResult<PartnerView> update(String actor, XmppPartner requested) {
    XmppPartner partner = normalised(requested);
    Optional<XmppPartner> existing =
        partners().stream()
            .filter(p -> p.primaryDomain().equals(partner.primaryDomain()))
            .findFirst();
    if (existing.isEmpty()) {
      return ConfigResult.refused("primaryDomain", "no XMPP partner " + partner.primaryDomain());
    }
    XmppPartner updated = partner.withId(existing.get().id());
    List<ConfigProblem> problems = validate(updated, existing.get());
    if (!problems.isEmpty()) {
      return ConfigResult.refused(problems);
    }
    ConfigResult<PartnerView> result =
        changes.apply(
            new Change(
                actor,
                ConfigObject.XMPP_PARTNERS,
                updated.primaryDomain(),
                ChangeKind.UPDATE,
                existing.get(),
                updated),
            c -> {
              store.update(c, updated.id(), updated);
              return view(updated);
            });
    sipDomains.reloadDeclared();
    return result;
  }

  public ConfigResult<PartnerView> remove(String actor, String primaryDomain) {
    String name = HostSyntax.normalize(primaryDomain);
    Optional<XmppPartner> existing =
        partners().stream().filter(p -> p.primaryDomain().equals(name)).findFirst();
    if (existing.isEmpty()) {
      return ConfigResult.refused("primaryDomain", "no XMPP partner " + name);
    }
    ConfigResult<PartnerView> result =
        changes.apply(
            new Change(
                actor, ConfigObject.XMPP_PARTNERS, name, ChangeKind.DELETE, existing.get(), null),
            c -> {
              store.delete(c, existing.get().id());
              return view(existing.get());
            });
    sipDomains.reloadDeclared();
    return result;
  }

  private PartnerView view(XmppPartner partner) {
    return new PartnerView(
        partner,
        PartnerMatrix.warnings(settings(partner)).stream()
            .map(w -> field(w.field()) + ": " + w.message())
            .toList());
  }

  private List<ConfigProblem> validate(XmppPartner partner, XmppPartner replacing) {
    List<ConfigProblem> problems = new ArrayList<>();
    PartnerMatrix.validate(settings(partner)).stream()
        .map(p -> new ConfigProblem(field(p.field()), p.message()))
        .forEach(problems::add);
    for (String domain : partner.domains()) {
      if (localDomains.contains(domain)) {
        problems.add(
            new ConfigProblem(field(partner, domain), domain + " is a local domain of this node"));
      }
    }
    for (XmppPartner other : partners()) {
      if (replacing != null && other.id() == replacing.id()) {
        continue;
      }
      for (String domain : partner.domains()) {
        if (other.domains().contains(domain)) {
          problems.add(
              new ConfigProblem(
                  field(partner, domain),
                  domain + " already belongs to XMPP partner " + other.primaryDomain()));
        }
      }
    }
    FederationOverlap.check(
            sipDomains.list().stream().map(SipDomain::domainName).toList(), partner.domains())
        .stream()
        .map(AclProblem::toConfigProblem)
        .map(p -> new ConfigProblem("primaryDomain", p.message()))
        .forEach(problems::add);
    if (partner.description().length() > 255) {
      problems.add(new ConfigProblem("description", "at most 255 characters"));
    }
    if (!partner.proxyFqdn().isEmpty() && !HostSyntax.isHost(partner.proxyFqdn())) {
      problems.add(
          new ConfigProblem(
              "proxyFqdn", "'" + partner.proxyFqdn() + "' is not a host name or IP address"));
    }
    if (partner.connectionLimit() < 1 || partner.connectionLimit() > 1000) {
      problems.add(
          new ConfigProblem(
              "connectionLimit", "must be 1..1000, not " + partner.connectionLimit()));
    }
    return problems;
  }

  /** The partner in the protocol module's terms, for its negotiation matrix. */
  public static PartnerSettings settings(XmppPartner partner) {
    return new PartnerSettings(
        partner.primaryDomain(),
        partner.additionalDomains(),
        partner.partnerType(),
        partner.tlsNegotiation(),
        partner.saslNegotiation(),
        partner.dialback(),
        Math.max(0, partner.connectionLimit()), // out of range: refused by the validation
        partner.keepAlive());
  }

  /** The matrix's field names in this API's terms. */
  private static String field(String matrixField) {
    return switch (matrixField) {
      case "tls" -> "tlsNegotiation";
      case "sasl" -> "saslNegotiation";
      case "type" -> "partnerType";
      default -> matrixField;
    };
  }

  private static String field(XmppPartner partner, String domain) {
    return domain.equals(partner.primaryDomain()) ? "primaryDomain" : "additionalDomains";
  }

  private static XmppPartner normalised(XmppPartner partner) {
    return new XmppPartner(
        partner.id(),
        HostSyntax.normalize(partner.primaryDomain()),
        partner.additionalDomains().stream()
            .map(HostSyntax::normalize)
            .filter(d -> !d.isEmpty())
            .toList(),
        partner.description() == null ? "" : partner.description(),
        partner.partnerType(),
        partner.tlsNegotiation(),
        partner.saslNegotiation(),
        partner.dialback(),
        partner.proxyFqdn() == null ? "" : HostSyntax.normalize(partner.proxyFqdn()),
        partner.connectionLimit(),
        partner.keepAlive());
  }
}
