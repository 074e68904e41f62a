package io.fedgate.appliance.certs;

import io.fedgate.appliance.boot.ListenerId;
import io.fedgate.appliance.service.ServiceName;
import io.fedgate.certstore.StoreName;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which listeners use each certificate store and which services must take up a change of it. The
 * identity of an identity store is the entry whose alias is the store's name ({@code cup/cup},
 * {@code cup-xmpp/cup-xmpp}, {@code admin/admin}), as IM&P names its certificates after their
 * service; every entry of a trust store is used.
 */
public final class StoreUsage {
  private StoreUsage() {}

  /** The alias of the identity the node presents from an identity store. */
  public static String activeAlias(StoreName store) {
    return store.storeName();
  }

  /** True when listeners use the entry: the active identity, or any entry of a trust store. */
  public static boolean inUse(StoreName store, String alias) {
    return !store.isIdentityStore() || activeAlias(store).equals(alias);
  }

  /**
   * The listeners that present (identity stores) or validate peers against (trust stores) the
   * store's certificates.
   */
  public static List<ListenerId> listeners(StoreName store) {
    return switch (store) {
      case CUP -> List.of(ListenerId.SIP_PEER_AUTH, ListenerId.SIP_SERVER_AUTH);
      case CUP_TRUST -> List.of(ListenerId.SIP_PEER_AUTH);
      case CUP_XMPP ->
          List.of(
              ListenerId.XMPP_S2S,
              ListenerId.XMPP_S2S_DIRECT_TLS,
              ListenerId.XMPP_C2S,
              ListenerId.XMPP_C2S_DIRECT_TLS);
      case CUP_XMPP_TRUST -> List.of(ListenerId.XMPP_S2S, ListenerId.XMPP_S2S_DIRECT_TLS);
      case ADMIN -> List.of(ListenerId.ADMIN);
    };
  }

  /** The services that own those listeners and take up a change of the store. */
  public static Set<ServiceName> services(StoreName store) {
    return switch (store) {
      case CUP, CUP_TRUST -> EnumSet.of(ServiceName.SIP_PROXY);
      case CUP_XMPP ->
          EnumSet.of(
              ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER, ServiceName.XMPP_CONNECTION_MANAGER);
      case CUP_XMPP_TRUST -> EnumSet.of(ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER);
      case ADMIN -> EnumSet.of(ServiceName.ADMIN_WEB);
    };
  }
}
