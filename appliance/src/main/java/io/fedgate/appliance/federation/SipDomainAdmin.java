package io.fedgate.appliance.federation;

import io.fedgate.acl.AclProblem;
import io.fedgate.acl.incoming.AclEdit;
import io.fedgate.acl.incoming.AclEntries;
import io.fedgate.acl.incoming.AclEntry;
import io.fedgate.acl.policy.FederationOverlap;
import io.fedgate.appliance.config.ConfigChanges;
import io.fedgate.appliance.config.ConfigChanges.Change;
import io.fedgate.appliance.config.ConfigObject;
import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.appliance.store.AuditEntry.ChangeKind;
import io.fedgate.appliance.store.JdbcIncomingAcl;
import io.fedgate.appliance.store.JdbcSipDomains;
import io.fedgate.appliance.store.JdbcSipDomains.IntegrationType;
import io.fedgate.appliance.store.JdbcSipDomains.SipDomain;
import io.fedgate.core.config.ConfigProblem;
import io.fedgate.core.net.HostSyntax;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SIP federated domains (Presence > Inter-Domain Federation > SIP Federation). Adding one creates
 * its read-only incoming ACL entry in the same transaction; removing it removes the entry. A domain
 * cannot also be an XMPP partner. Changes need an XCP Router restart, as on IM&P.
 */
public final class SipDomainAdmin {
  private final ConfigChanges changes;
  private final JdbcSipDomains domains;
  private final JdbcIncomingAcl aclStore;
  private final AclAdmin acl;
  private final AtomicReference<Set<String>> declared = new AtomicReference<>(Set.of());

  public SipDomainAdmin(
      ConfigChanges changes, JdbcSipDomains domains, JdbcIncomingAcl aclStore, AclAdmin acl) {
    this.changes = changes;
    this.domains = domains;
    this.aclStore = aclStore;
    this.acl = acl;
    reloadDeclared();
  }

  /**
   * Whether {@code domain} is a declared partner (a SIP federated domain or an XMPP partner), which
   * the open-federation guard exempts. Reads a snapshot; no database access.
   */
  public boolean declaredPartner(String domain) {
    return declared.get().contains(domain.toLowerCase(Locale.ROOT));
  }

  /** Rereads the declared partners (after a change of SIP domains or XMPP partners). */
  void reloadDeclared() {
    Set<String> names = new HashSet<>(changes.read(domains::xmppPartnerDomains));
    list().forEach(d -> names.add(d.domainName()));
    declared.set(Set.copyOf(names));
  }

  public List<SipDomain> list() {
    return changes.read(domains::list);
  }

  public ConfigResult<SipDomain> add(String actor, SipDomain requested) {
    SipDomain domain = normalised(requested);
    List<ConfigProblem> problems = validate(domain);
    if (!problems.isEmpty()) {
      return ConfigResult.refused(problems);
    }
    AclEdit edit = AclEntries.of(acl.list()).withFederatedDomain(domain.domainName());
    if (edit instanceof AclEdit.Refused refused) {
      return ConfigResult.refused("domainName", refused.message());
    }
    List<AclEntry> before = acl.list();
    AclEntry entry =
        ((AclEdit.Applied) edit)
            .entries().asList().stream().filter(e -> !before.contains(e)).findFirst().orElseThrow();
    ConfigResult<SipDomain> result =
        changes.applyAll(
            c -> {
              SipDomain stored = domains.insert(c, domain);
              aclStore.insert(c, entry, stored.id());
              return stored;
            },
            stored ->
                List.of(
                    new Change(
                        actor,
                        ConfigObject.SIP_FEDERATED_DOMAINS,
                        stored.domainName(),
                        ChangeKind.CREATE,
                        null,
                        stored),
                    new Change(
                        actor,
                        ConfigObject.INCOMING_ACL,
                        AclAdmin.id(entry),
                        ChangeKind.CREATE,
                        null,
                        entry)));
    acl.reload();
    reloadDeclared();
    return result;
  }

  /**
   * Changes the description, integration type, direct federation and default routing domain of a
   * federated domain (IM&P's edit page); the domain name stays.
   */
  public ConfigResult<SipDomain> update(String actor, SipDomain requested) {
    SipDomain domain = normalised(requested);
    Optional<SipDomain> existing = changes.read(c -> domains.find(c, domain.domainName()));
    if (existing.isEmpty()) {
      return ConfigResult.refused("domainName", "no SIP federated domain " + domain.domainName());
    }
    List<ConfigProblem> problems = fieldProblems(domain);
    if (!problems.isEmpty()) {
      return ConfigResult.refused(problems);
    }
    SipDomain updated =
        new SipDomain(
            existing.get().id(),
            domain.domainName(),
            domain.description(),
            domain.integrationType(),
            domain.directFederation(),
            domain.defaultRoutingDomain());
    return changes.apply(
        new Change(
            actor,
            ConfigObject.SIP_FEDERATED_DOMAINS,
            updated.domainName(),
            ChangeKind.UPDATE,
            existing.get(),
            updated),
        c -> {
          domains.update(c, updated.id(), updated);
          return updated;
        });
  }

  public ConfigResult<SipDomain> remove(String actor, String domainName) {
    String name = domainName.trim().toLowerCase(Locale.ROOT);
    Optional<SipDomain> existing = changes.read(c -> domains.find(c, name));
    if (existing.isEmpty()) {
      return ConfigResult.refused("domainName", "no SIP federated domain " + name);
    }
    List<Change> audit = new ArrayList<>();
    audit.add(
        new Change(
            actor,
            ConfigObject.SIP_FEDERATED_DOMAINS,
            name,
            ChangeKind.DELETE,
            existing.get(),
            null));
    acl.list().stream()
        .filter(e -> e.readOnly() && e.pattern().equals(name))
        .forEach(
            e ->
                audit.add(
                    new Change(
                        actor,
                        ConfigObject.INCOMING_ACL,
                        AclAdmin.id(e),
                        ChangeKind.DELETE,
                        e,
                        null)));
    ConfigResult<SipDomain> result =
        changes.applyAll(
            c -> {
              domains.delete(c, existing.get().id());
              return existing.get();
            },
            removed -> audit);
    acl.reload();
    reloadDeclared();
    return result;
  }

  private List<ConfigProblem> validate(SipDomain domain) {
    List<ConfigProblem> problems = fieldProblems(domain);
    List<SipDomain> current = list();
    if (current.stream().anyMatch(d -> d.domainName().equals(domain.domainName()))) {
      problems.add(new ConfigProblem("domainName", domain.domainName() + " is already federated"));
    }
    List<String> sip = new ArrayList<>(current.stream().map(SipDomain::domainName).toList());
    sip.add(domain.domainName());
    FederationOverlap.check(sip, changes.read(domains::xmppPartnerDomains)).stream()
        .map(AclProblem::toConfigProblem)
        .forEach(problems::add);
    return problems;
  }

  /** The checks of the fields themselves, for adding and editing alike. */
  private static List<ConfigProblem> fieldProblems(SipDomain domain) {
    List<ConfigProblem> problems = new ArrayList<>();
    if (!HostSyntax.isDnsName(domain.domainName())) {
      problems.add(
          new ConfigProblem("domainName", "'" + domain.domainName() + "' is not a domain"));
    }
    if (domain.description().length() > 255) {
      problems.add(new ConfigProblem("description", "at most 255 characters"));
    }
    if (domain.integrationType() == IntegrationType.AOL) {
      String routing = domain.defaultRoutingDomain();
      if (routing == null || !HostSyntax.isDnsName(routing)) {
        problems.add(
            new ConfigProblem(
                "defaultRoutingDomain",
                "an AOL domain needs its default routing domain (aol.com)"));
      }
    }
    return problems;
  }

  private static SipDomain normalised(SipDomain domain) {
    String routing = domain.defaultRoutingDomain();
    return new SipDomain(
        0,
        domain.domainName().trim().toLowerCase(Locale.ROOT),
        domain.description() == null ? "" : domain.description(),
        domain.integrationType(),
        domain.directFederation(),
        routing == null || routing.isBlank() ? null : routing.trim().toLowerCase(Locale.ROOT));
  }
}
