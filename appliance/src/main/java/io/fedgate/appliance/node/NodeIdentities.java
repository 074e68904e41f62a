package io.fedgate.appliance.node;

import io.fedgate.appliance.boot.BootConfig;
import io.fedgate.appliance.boot.ListenerId;
import io.fedgate.certstore.pki.Identity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which names each of the node's identities must carry. */
final class NodeIdentities {
  private final IdentityBootstrap bootstrap;
  private final BootConfig config;

  NodeIdentities(IdentityBootstrap bootstrap, BootConfig config) {
    this.bootstrap = bootstrap;
    this.config = config;
  }

  /** {@code admin}: the node FQDN plus the names a browser or the CLI use on this host. */
  Identity admin() {
    Set<String> names = new LinkedHashSet<>();
    names.add(config.nodeFqdn());
    names.add("localhost");
    names.add("127.0.0.1");
    String address = config.listener(ListenerId.ADMIN).address();
    if (!address.equals("0.0.0.0") && !address.equals("::")) {
      names.add(address);
    }
    return bootstrap.ensure("admin", config.nodeFqdn(), new ArrayList<>(names));
  }

  /** {@code cup} (SIP) and {@code cup-xmpp} (XMPP S2S): the node FQDN and every local domain. */
  List<Identity> federation() {
    Set<String> names = new LinkedHashSet<>();
    names.add(config.nodeFqdn());
    names.addAll(config.localDomains());
    List<String> list = new ArrayList<>(names);
    return List.of(
        bootstrap.ensure("cup", config.nodeFqdn(), list),
        bootstrap.ensure("cup-xmpp", config.nodeFqdn(), list));
  }
}
