package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.service.ServiceState;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The XMPP Federation Connection Manager as an operator sees it while XMPP federation is off. */
class XmppFederationServiceIT {
  @TempDir Path temp;
  private TestNode node;

  @BeforeEach
  void start() throws Exception {
    node =
        TestNode.start(
            temp.resolve("data"),
            "listener.xmpp-s2s.port = 0\nlistener.xmpp-s2s-direct-tls.port = 0\n");
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void withFederationOffTheServiceRunsIdleWithoutListenersOrGateway() {
    assertThat(node.node.services().status(ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER).state())
        .isEqualTo(ServiceState.RUNNING);
    assertThat(node.local("status").out())
        .containsPattern("xmpp-s2s\\s+127.0.0.1:0\\s+-\\s+not open")
        .containsPattern("xmpp-s2s-direct-tls\\s+127.0.0.1:0\\s+-\\s+not open");
    assertThat(node.local("xmpp", "connections").out())
        .contains("XMPP federation is not running (off, or the service is stopped)");
    assertThat(node.local("xmpp", "failures", "prosody.test").out())
        .contains("no failures recorded for prosody.test");

    TestNode.CliRun test = node.local("xmpp", "test", "prosody.test");

    assertThat(test.exitCode()).isEqualTo(1);
    assertThat(test.out())
        .containsPattern(
            "RESULT\\s+FAILED\\s+the XMPP Federation Connection Manager is not running");
  }

  @Test
  void badLiveRequestsAreRefusedWithoutTouchingTheService() throws Exception {
    String token =
        "Bearer "
            + io.fedgate.appliance.node.LocalCredential.read(node.dataDir).orElseThrow().token();

    assertThat(node.get("/api/v1/xmpp-federation/failures", token).statusCode()).isEqualTo(400);
    assertThat(node.get("/api/v1/connections", token).body()).contains("\"active\":false");
    assertThat(node.local("xmpp", "test").exitCode()).isEqualTo(2);
  }
}
