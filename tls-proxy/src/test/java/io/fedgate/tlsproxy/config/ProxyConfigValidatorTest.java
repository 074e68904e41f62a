package io.fedgate.tlsproxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.core.config.ConfigProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxyConfigValidatorTest {

  @Test
  void theImpRecipeIsValid() {
    assertThat(ProxyConfigValidator.validate(SampleConfigs.impFederation())).isEmpty();
  }

  @Test
  void everyProblemIsReportedWithItsField() {
    ProxyConfig good = SampleConfigs.impFederation();
    ProxyInstance broken =
        ProxyInstance.builder("bad", Direction.OUTBOUND)
            .server("cert_from_imp", List.of(), List.of("not a host"))
            .client("missing", List.of("nowhere"), "")
            .protocols(List.of("SSLv3"))
            .cipherSuites(List.of())
            .accessList("none")
            .limits(new ProxyInstance.Limits(Duration.ZERO, Duration.ofSeconds(1), 10))
            .build();
    List<ProxyInstance> instances = new ArrayList<>(good.instances());
    instances.add(broken);
    List<PatMapping> pat = new ArrayList<>(good.patMappings());
    pat.add(
        new PatMapping(
            new Endpoint("10.0.0.41", 5062),
            new Endpoint("192.0.2.10", 70000),
            Optional.of("ent_imp_to_external")));
    ProxyConfig config = new ProxyConfig(good.trustPoints(), instances, good.accessLists(), pat);

    List<ConfigProblem> problems = ProxyConfigValidator.validate(config);

    assertThat(problems)
        .extracting(ConfigProblem::field)
        .containsExactlyInAnyOrder(
            "instance.bad.server-trust-point",
            "instance.bad.client-trust-point",
            "instance.bad.server-trust",
            "instance.bad.client-trust",
            "instance.bad.upstream-name",
            "instance.bad.peer-subjects",
            "instance.bad.cipher-suites",
            "instance.bad.protocols",
            "instance.bad.access-list",
            "instance.bad.listen",
            "instance.bad.target",
            "instance.bad.handshake-timeout",
            "instance.bad.max-sip-message",
            "pat.6",
            "pat.6",
            "pat.6");
    assertThat(problems)
        .filteredOn(p -> p.field().equals("pat.6"))
        .extracting(ConfigProblem::message)
        .containsExactlyInAnyOrder(
            "port 70000 is not in 1..65535",
            "inside 10.0.0.41:5062 mapped twice",
            "'ent_imp_to_external' is not an inbound instance");
  }

  @Test
  void anInboundInstanceWithoutAMappingCannotListen() {
    ProxyConfig good = SampleConfigs.impFederation();
    ProxyConfig config =
        new ProxyConfig(
            good.trustPoints(),
            good.instances(),
            good.accessLists(),
            good.patMappings().stream().filter(m -> m.instance().isEmpty()).toList());

    assertThat(ProxyConfigValidator.validate(config))
        .containsExactly(
            new ConfigProblem(
                "instance.ent_external_to_imp.direction",
                "an inbound instance needs a PAT mapping bound to it"));
  }
}
