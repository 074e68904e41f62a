package io.fedgate.appliance.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.core.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootConfigLoaderTest {
  @TempDir Path dir;

  private final BootConfigLoader loader = new BootConfigLoader();

  @Test
  void noFileGivesLoopbackDefaults() {
    BootConfig config =
        loader.load(Optional.empty(), Optional.of(dir.resolve("data"))).orElseThrow();

    assertThat(config.nodeFqdn()).isEqualTo("localhost");
    assertThat(config.localDomains()).containsExactly("localhost");
    assertThat(config.listener(ListenerId.ADMIN))
        .isEqualTo(new ListenerConfig(ListenerId.ADMIN, "127.0.0.1", 8443, true));
    assertThat(config.listener(ListenerId.SIP_PEER_AUTH).port()).isEqualTo(5061);
    assertThat(config.listener(ListenerId.SIP_TCP).enabled()).isFalse();
    assertThat(config.listener(ListenerId.XMPP_S2S).port()).isEqualTo(5269);
    assertThat(config.effectiveDbUrl()).startsWith("jdbc:h2:file:").contains("data");
    assertThat(config.xmppTlsProvider()).isEqualTo("auto");
  }

  @Test
  void readsAPropertiesFile() throws IOException {
    Path file =
        write(
            "boot.properties",
            """
            node.fqdn = IMP1.Example.com
            node.domains = example.com, example.org
            listener.admin.port = 0
            listener.sip-tcp.enabled = true
            db.url = jdbc:postgresql://127.0.0.1:5432/fedgate
            xmpp.tls-provider = JDK
            """);

    BootConfig config = loader.load(Optional.of(file), Optional.of(dir)).orElseThrow();
    assertThat(config.xmppTlsProvider()).isEqualTo("jdk");

    assertThat(config.nodeFqdn()).isEqualTo("imp1.example.com");
    assertThat(config.localDomains()).containsExactly("example.com", "example.org");
    assertThat(config.listener(ListenerId.ADMIN).port()).isZero();
    assertThat(config.listener(ListenerId.SIP_TCP).enabled()).isTrue();
    assertThat(config.effectiveDbUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/fedgate");
  }

  @Test
  void readsAnXmlFile() throws IOException {
    Path file =
        write(
            "boot.xml",
            """
            <fedgate>
              <node><fqdn>imp1.example.com</fqdn><domains>example.com</domains><domains>example.org</domains></node>
              <listener><xmpp-c2s><address>::1</address><port>15222</port></xmpp-c2s></listener>
              <data><dir>%s</dir></data>
            </fedgate>
            """
                .formatted(dir.resolve("xml-data")));

    BootConfig config = loader.load(Optional.of(file), Optional.empty()).orElseThrow();

    assertThat(config.localDomains()).containsExactly("example.com", "example.org");
    assertThat(config.listener(ListenerId.XMPP_C2S))
        .isEqualTo(new ListenerConfig(ListenerId.XMPP_C2S, "::1", 15222, true));
    assertThat(config.dataDir()).isEqualTo(dir.resolve("xml-data"));
  }

  @Test
  void dataDirFlagWinsOverTheFile() throws IOException {
    Path file = write("boot.properties", "data.dir = " + dir.resolve("from-file") + "\n");

    BootConfig config =
        loader.load(Optional.of(file), Optional.of(dir.resolve("flag"))).orElseThrow();

    assertThat(config.dataDir()).isEqualTo(dir.resolve("flag"));
  }

  @Test
  void reportsEveryProblemAtOnceNamingTheField() throws IOException {
    Path notADirectory = write("plain-file", "x");
    Path file =
        write(
            "boot.properties",
            """
            node.fqdn = not a name
            listener.admin.prot = 8443
            listener.xmpp-c2s.port = 70000
            listener.xmpp-s2s.port = http
            listener.sip-tcp.enabled = yes
            listener.admin.address = 300.1.1
            db.url = jdbc:mysql://db/fedgate
            log.level = LOUD
            xmpp.tls-provider = conscrypt
            data.dir = %s
            """
                .formatted(notADirectory));

    BootConfigLoader.Result result = loader.load(Optional.of(file), Optional.empty());

    assertThat(result.config()).isEmpty();
    assertThat(result.problems())
        .extracting(ConfigProblem::field)
        .containsExactlyInAnyOrder(
            "node.fqdn",
            "listener.admin.prot",
            "listener.xmpp-c2s.port",
            "listener.xmpp-s2s.port",
            "listener.sip-tcp.enabled",
            "listener.admin.address",
            "db.url",
            "log.level",
            "xmpp.tls-provider",
            "data.dir");
    assertThat(result.problems())
        .filteredOn(p -> p.field().equals("listener.admin.prot"))
        .singleElement()
        .extracting(ConfigProblem::message)
        .asString()
        .contains("did you mean listener.admin.port?");
    assertThat(result.problems())
        .filteredOn(p -> p.field().equals("listener.xmpp-c2s.port"))
        .singleElement()
        .extracting(ConfigProblem::message)
        .asString()
        .contains("70000", "0..65535");
  }

  @Test
  void refusesTwoListenersOnOnePort() throws IOException {
    Path file =
        write(
            "boot.properties",
            """
            listener.xmpp-c2s.port = 5269
            listener.sip-tcp.enabled = true
            listener.sip-tcp.address = 0.0.0.0
            listener.sip-tcp.port = 5061
            listener.admin.port = 0
            listener.sip-server-auth.port = 0
            """);

    BootConfigLoader.Result result = loader.load(Optional.of(file), Optional.of(dir));

    assertThat(result.problems())
        .extracting(ConfigProblem::toString)
        .containsExactlyInAnyOrder(
            "listener.xmpp-s2s.port: port 5269 is already used by listener.xmpp-c2s.port",
            "listener.sip-tcp.port: port 5061 is already used by listener.sip-peer-auth.port");
  }

  @Test
  void reportsAnUnreadableOrBrokenFile() throws IOException {
    assertThat(
            loader
                .load(Optional.of(dir.resolve("missing.properties")), Optional.of(dir))
                .problems())
        .extracting(ConfigProblem::field)
        .containsExactly("--config");
    Path broken = write("broken.xml", "<fedgate><node>");
    assertThat(loader.load(Optional.of(broken), Optional.of(dir)).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("cannot parse"));
  }

  @Test
  void loadingWritesNothing() throws IOException {
    Path data = dir.resolve("never-created");
    Path file = write("boot.properties", "listener.admin.port = -1\n");

    loader.load(Optional.of(file), Optional.of(data));
    loader.load(Optional.empty(), Optional.of(data));

    assertThat(data).doesNotExist();
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
