package io.fedgate.appliance.certs;

import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.service.ServiceRegistry;
import io.fedgate.certstore.StoreName;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an accepted certificate change does to the node: the admin identity is reloaded live where
 * possible; otherwise the services that use the store are flagged "restart required" (those that
 * are running). Listeners of expiry figures are told to recount.
 */
public final class StoreEffects {
  private static final Logger log = LoggerFactory.getLogger(StoreEffects.class);

  /** Which services took the change live and which need a restart. */
  public record Effect(Set<ServiceName> appliedLive, Set<ServiceName> restartRequired) {
    static final Effect NONE = new Effect(Set.of(), Set.of());
  }

  private final ServiceRegistry services;
  private final IdentityReload reload;
  private final Runnable afterChange;

  /**
   * @param afterChange runs after every accepted change (e.g. recomputing the expiry gauges)
   */
  public StoreEffects(ServiceRegistry services, IdentityReload reload, Runnable afterChange) {
    this.services = services;
    this.reload = reload;
    this.afterChange = afterChange;
  }

  /** The effect of a change of {@code store}/{@code alias} by {@code operation}. */
  Effect changed(StoreName store, String alias, String operation) {
    afterChange.run();
    if (!StoreUsage.inUse(store, alias)) {
      return Effect.NONE;
    }
    Set<ServiceName> affected = StoreUsage.services(store);
    if (store.isIdentityStore() && reload.reload(store)) {
      log.info("{} identity reloaded live after {}", store, operation);
      return new Effect(EnumSet.copyOf(affected), Set.of());
    }
    ServiceRegistry.ChangeOutcome outcome =
        services.configChanged("certificates/" + store, reason(store), affected);
    return new Effect(outcome.appliedLive(), outcome.restartRequired());
  }

  private static String reason(StoreName store) {
    return store == StoreName.ADMIN
        ? "admin identity changed; the admin endpoint picks it up at the next node restart"
        : "certificate store " + store + " changed";
  }
}
