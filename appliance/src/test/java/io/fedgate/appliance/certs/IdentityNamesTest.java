package io.fedgate.appliance.certs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.appliance.boot.BootConfig;
import io.fedgate.appliance.boot.BootConfigLoader;
import io.fedgate.certstore.StoreName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The names of self-signed identities and of CSRs, from the boot file. */
class IdentityNamesTest {
  @TempDir Path temp;

  private IdentityNames names(String boot) throws Exception {
    Path file = Files.writeString(temp.resolve("boot.properties"), boot);
    BootConfig config =
        new BootConfigLoader()
            .load(Optional.of(file), Optional.of(temp.resolve("d")))
            .orElseThrow();
    return IdentityNames.of(config);
  }

  @Test
  void aSelfSignedAdminIdentityNamesLoopbackAndTheListenerAddress() throws Exception {
    IdentityNames names =
        names("node.fqdn = imp1.example.com\nlistener.admin.address = 192.0.2.10\n");

    assertThat(names.selfSigned().subjectAltNamesFor(StoreName.ADMIN))
        .containsExactly("imp1.example.com", "localhost", "127.0.0.1", "192.0.2.10");
    assertThat(names.request().subjectAltNamesFor(StoreName.ADMIN))
        .containsExactly("imp1.example.com");
  }

  @Test
  void aCsrNamesADnsListenerAddressButNotAWildcard() throws Exception {
    assertThat(
            names("node.fqdn = imp1.example.com\nlistener.admin.address = admin.example.com\n")
                .request()
                .subjectAltNamesFor(StoreName.ADMIN))
        .containsExactly("imp1.example.com", "admin.example.com");
    assertThat(
            names("node.fqdn = imp1.example.com\nlistener.admin.address = 0.0.0.0\n")
                .selfSigned()
                .subjectAltNamesFor(StoreName.ADMIN))
        .containsExactly("imp1.example.com", "localhost", "127.0.0.1");
  }

  @Test
  void theXmppIdentityNamesEveryLocalDomain() throws Exception {
    assertThat(
            names("node.fqdn = imp1.example.com\nnode.domains = example.com, example.org\n")
                .selfSigned()
                .subjectAltNamesFor(StoreName.CUP_XMPP))
        .containsExactly("imp1.example.com", "example.com", "example.org");
  }
}
