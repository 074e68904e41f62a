package io.fedgate.appliance.federation;

import io.fedgate.appliance.config.ConfigChanges;
import io.fedgate.appliance.config.ConfigChanges.Change;
import io.fedgate.appliance.config.ConfigObject;
import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.appliance.security.SecretSealer;
import io.fedgate.appliance.store.AuditEntry.ChangeKind;
import io.fedgate.appliance.store.JdbcXmppSettings;
import io.fedgate.appliance.store.JdbcXmppSettings.DnsOverride;
import io.fedgate.appliance.store.JdbcXmppSettings.Stored;
import io.fedgate.core.config.ConfigProblem;
import io.fedgate.core.net.HostSyntax;
import io.fedgate.xmpp.s2s.SecurityMode;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * XMPP Federation Settings (Presence > Inter-Domain Federation > XMPP Federation > Settings) and
 * the DNS overrides. The dialback secret is sealed with the node master key before it is stored and
 * is never returned, logged or audited. Every change needs a restart of the XMPP Federation
 * Connection Manager, which reads the settings when it starts.
 */
public final class XmppSettingsAdmin {
  static final String SECRET_PURPOSE = "xmpp-federation-dialback-secret";

  private final ConfigChanges changes;
  private final JdbcXmppSettings store;
  private final SecretSealer sealer;

  public XmppSettingsAdmin(ConfigChanges changes, JdbcXmppSettings store, SecretSealer sealer) {
    this.changes = changes;
    this.store = store;
    this.sealer = sealer;
  }

  public XmppSettings show() {
    return changes.read(this::view);
  }

  /**
   * The settings with the dialback secret opened, for the service.
   *
   * @throws IllegalStateException when the secret was sealed with another master key
   */
  public XmppSettings.Active active() {
    return changes.read(
        c -> {
          Stored stored = store.load(c);
          String secret = "";
          if (stored.sealedDialbackSecret() != null) {
            try {
              secret = sealer.open(SECRET_PURPOSE, stored.sealedDialbackSecret());
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException(
                  "the stored dialback secret cannot be opened with this node's master key;"
                      + " set it again with fedgate xmpp settings set --dialback-secret",
                  e);
            }
          }
          return new XmppSettings.Active(view(c, stored), secret);
        });
  }

  /** What is wrong with an edit (the fields that could be read), without storing anything. */
  public List<ConfigProblem> problems(XmppSettings.Edit edit) {
    return XmppSettingsValidation.settings(edit, apply(changes.read(store::load), edit));
  }

  public ConfigResult<XmppSettings> update(String actor, XmppSettings.Edit edit) {
    Stored before = changes.read(store::load);
    Stored after = apply(before, edit);
    List<ConfigProblem> problems = XmppSettingsValidation.settings(edit, after);
    if (!problems.isEmpty()) {
      return ConfigResult.refused(problems);
    }
    XmppSettings beforeView = show();
    return changes.apply(
        c -> {
          store.save(c, after);
          return view(c);
        },
        stored ->
            new Change(
                actor,
                ConfigObject.XMPP_FEDERATION_SETTINGS,
                "settings",
                ChangeKind.UPDATE,
                beforeView,
                stored));
  }

  public ConfigResult<DnsOverride> addOverride(String actor, DnsOverride requested) {
    DnsOverride override =
        new DnsOverride(
            HostSyntax.normalize(requested.domain()),
            HostSyntax.normalize(requested.host()),
            requested.port(),
            requested.description() == null ? "" : requested.description());
    List<ConfigProblem> problems = XmppSettingsValidation.override(override);
    if (changes.read(c -> store.override(c, override.domain())).isPresent()) {
      problems =
          XmppSettingsValidation.plus(
              problems,
              new ConfigProblem("domain", override.domain() + " already has a DNS override"));
    }
    if (!problems.isEmpty()) {
      return ConfigResult.refused(problems);
    }
    return changes.apply(
        new Change(
            actor,
            ConfigObject.XMPP_DNS_OVERRIDES,
            override.domain(),
            ChangeKind.CREATE,
            null,
            override),
        c -> {
          store.insertOverride(c, override);
          return override;
        });
  }

  public ConfigResult<DnsOverride> removeOverride(String actor, String domain) {
    String name = HostSyntax.normalize(domain);
    Optional<DnsOverride> existing = changes.read(c -> store.override(c, name));
    if (existing.isEmpty()) {
      return ConfigResult.refused("domain", "no DNS override for " + name);
    }
    return changes.apply(
        new Change(
            actor, ConfigObject.XMPP_DNS_OVERRIDES, name, ChangeKind.DELETE, existing.get(), null),
        c -> {
          store.deleteOverride(c, name);
          return existing.get();
        });
  }

  private Stored apply(Stored before, XmppSettings.Edit edit) {
    byte[] secret = before.sealedDialbackSecret();
    if (edit.dialbackSecret() != null) {
      secret =
          edit.dialbackSecret().isEmpty()
              ? null
              : sealer.seal(SECRET_PURPOSE, edit.dialbackSecret());
    }
    return new Stored(
        or(edit.enabled(), before.enabled()),
        edit.securityMode() == null ? before.securityMode() : edit.securityMode(),
        or(edit.requireClientCertificate(), before.requireClientCertificate()),
        or(edit.saslExternalInbound(), before.saslExternalInbound()),
        or(edit.saslExternalOutbound(), before.saslExternalOutbound()),
        secret,
        edit.dnsResolver() == null ? before.dnsResolver() : edit.dnsResolver().trim());
  }

  private static boolean or(Boolean value, boolean fallback) {
    return value == null ? fallback : value;
  }

  private XmppSettings view(Connection c) throws SQLException {
    return view(c, store.load(c));
  }

  private XmppSettings view(Connection c, Stored stored) throws SQLException {
    return new XmppSettings(
        stored.enabled(),
        stored.securityMode(),
        stored.requireClientCertificate(),
        stored.saslExternalInbound(),
        stored.saslExternalOutbound(),
        stored.sealedDialbackSecret() != null,
        stored.dnsResolver(),
        store.overrides(c));
  }

  /** Whether the mode negotiates TLS at all. */
  static boolean tls(SecurityMode mode) {
    return mode != SecurityMode.NO_TLS;
  }
}
