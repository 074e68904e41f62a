package io.fedgate.certstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which SANs each identity store asks for. */
class NodeNamesTest {
  private final NodeNames names =
      new NodeNames(
          "IMP1.example.com",
          List.of("example.com", "imp1.example.com"),
          List.of("localhost", "127.0.0.1", "imp1.example.com"));

  @Test
  void cupCarriesTheFqdnOnly() {
    assertThat(names.subjectAltNamesFor(StoreName.CUP)).containsExactly("imp1.example.com");
  }

  @Test
  void cupXmppAddsEveryLocalDomainOnce() {
    assertThat(names.subjectAltNamesFor(StoreName.CUP_XMPP))
        .containsExactly("imp1.example.com", "example.com");
  }

  @Test
  void adminAddsTheNamesTheAdminEndpointIsReachedBy() {
    assertThat(names.subjectAltNamesFor(StoreName.ADMIN))
        .containsExactly("imp1.example.com", "localhost", "127.0.0.1");
  }

  @Test
  void withoutAdminNamesTheAdminIdentityCarriesTheFqdn() {
    assertThat(new NodeNames("imp1.example.com", List.of()).subjectAltNamesFor(StoreName.ADMIN))
        .containsExactly("imp1.example.com");
  }
}
