package io.fedgate.appliance.certs;

import io.fedgate.appliance.boot.BootConfig;
import io.fedgate.appliance.boot.ListenerId;
import io.fedgate.certstore.NodeNames;
import io.fedgate.core.net.HostSyntax;
import java.util.ArrayList;
import java.util.List;

/**
 * The names the node's identities carry, from the boot file: the FQDN, the local domains for {@code
 * cup-xmpp}, and for {@code admin} the names it is reached by. A self-signed admin identity also
 * names {@code localhost} and {@code 127.0.0.1} (a remote CLI on this host checks the host name); a
 * request to a CA names only the FQDN and a configured DNS name of the admin listener, which a CA
 * can certify.
 */
public record IdentityNames(NodeNames selfSigned, NodeNames request) {

  public static IdentityNames of(BootConfig config) {
    String address = config.listener(ListenerId.ADMIN).address();
    boolean specific = !address.equals("0.0.0.0") && !address.equals("::");
    List<String> local = new ArrayList<>(List.of("localhost", "127.0.0.1"));
    if (specific) {
      local.add(address);
    }
    List<String> requested =
        specific && HostSyntax.isDnsName(address) && !address.equals("localhost")
            ? List.of(address)
            : List.of();
    return new IdentityNames(
        new NodeNames(config.nodeFqdn(), config.localDomains(), local),
        new NodeNames(config.nodeFqdn(), config.localDomains(), requested));
  }
}
