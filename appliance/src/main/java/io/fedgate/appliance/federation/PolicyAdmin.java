package io.fedgate.appliance.federation;

import io.fedgate.acl.AclProblem;
import io.fedgate.acl.policy.ExceptionDirection;
import io.fedgate.acl.policy.FederationPolicy;
import io.fedgate.acl.policy.PolicyAction;
import io.fedgate.acl.policy.PolicyDecider;
import io.fedgate.acl.policy.PolicyException;
import io.fedgate.acl.policy.PolicyValidator;
import io.fedgate.appliance.config.ConfigChanges;
import io.fedgate.appliance.config.ConfigChanges.Change;
import io.fedgate.appliance.config.ConfigObject;
import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.appliance.store.AuditEntry.ChangeKind;
import io.fedgate.appliance.store.JdbcFederationPolicy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The federation policy per protocol (IM&P's XMPP Federation > Policy, and the same for SIP):
 * default allow or deny with direction-scoped exceptions. Every edit validates the whole resulting
 * policy, is audited as a before/after of the policy, and swaps the decider the gateways read.
 */
public final class PolicyAdmin {

  /** Which federation a policy governs. */
  public enum Protocol {
    XMPP(ConfigObject.XMPP_POLICY),
    SIP(ConfigObject.SIP_POLICY);

    private final ConfigObject object;

    Protocol(ConfigObject object) {
      this.object = object;
    }
  }

  private final ConfigChanges changes;
  private final JdbcFederationPolicy store;
  private final Map<Protocol, PolicyDecider> deciders = new EnumMap<>(Protocol.class);

  public PolicyAdmin(ConfigChanges changes, JdbcFederationPolicy store) {
    this.changes = changes;
    this.store = store;
    for (Protocol protocol : Protocol.values()) {
      reload(protocol);
    }
  }

  /** The decider the gateways consult (immutable snapshot). */
  public synchronized PolicyDecider decider(Protocol protocol) {
    return deciders.get(protocol);
  }

  public FederationPolicy show(Protocol protocol) {
    return changes.read(c -> store.load(c, protocol.name()));
  }

  public ConfigResult<FederationPolicy> setDefault(
      String actor, Protocol protocol, PolicyAction action) {
    return edit(actor, protocol, p -> new FederationPolicy(action, p.exceptions()));
  }

  public ConfigResult<FederationPolicy> addException(
      String actor, Protocol protocol, String domain, ExceptionDirection direction) {
    return edit(
        actor,
        protocol,
        p -> {
          List<PolicyException> exceptions = new ArrayList<>(p.exceptions());
          exceptions.add(new PolicyException(domain.trim().toLowerCase(Locale.ROOT), direction));
          return new FederationPolicy(p.defaultAction(), exceptions);
        });
  }

  /** Removes the exceptions for {@code domain} (of one direction, or all when null). */
  public ConfigResult<FederationPolicy> removeException(
      String actor, Protocol protocol, String domain, ExceptionDirection direction) {
    String wanted = domain.trim().toLowerCase(Locale.ROOT);
    FederationPolicy current = show(protocol);
    boolean present = current.exceptions().stream().anyMatch(e -> matches(e, wanted, direction));
    if (!present) {
      return ConfigResult.refused("domain", "no " + protocol + " policy exception for " + wanted);
    }
    return edit(
        actor,
        protocol,
        p ->
            new FederationPolicy(
                p.defaultAction(),
                p.exceptions().stream().filter(e -> !matches(e, wanted, direction)).toList()));
  }

  private static boolean matches(PolicyException e, String domain, ExceptionDirection direction) {
    return e.domain().equals(domain) && (direction == null || e.direction() == direction);
  }

  private ConfigResult<FederationPolicy> edit(
      String actor, Protocol protocol, UnaryOperator<FederationPolicy> change) {
    FederationPolicy before = show(protocol);
    FederationPolicy after = change.apply(before);
    List<AclProblem> problems = PolicyValidator.validate(after);
    if (!problems.isEmpty()) {
      return ConfigResult.refused(problems.stream().map(AclProblem::toConfigProblem).toList());
    }
    ConfigResult<FederationPolicy> result =
        changes.apply(
            new Change(actor, protocol.object, protocol.name(), ChangeKind.UPDATE, before, after),
            c -> {
              store.save(c, protocol.name(), after);
              return after;
            });
    reload(protocol);
    return result;
  }

  private synchronized void reload(Protocol protocol) {
    deciders.put(protocol, PolicyDecider.of(show(protocol)));
  }
}
