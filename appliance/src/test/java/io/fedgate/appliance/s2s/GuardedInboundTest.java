package io.fedgate.appliance.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.acl.guard.GuardConfig;
import io.fedgate.acl.guard.OpenFederationGuard;
import io.fedgate.appliance.service.TrafficCounters;
import io.fedgate.core.route.RemoteGateway;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The open-federation guard on inbound stanzas of undeclared domains. */
class GuardedInboundTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private final List<XmlElement> delivered = new ArrayList<>();
  private final List<XmlElement> replied = new ArrayList<>();
  private final RemoteGateway gateway = (stanza, failed) -> replied.add(stanza);
  private final OpenFederationGuard guard =
      new OpenFederationGuard(
          new GuardConfig(2, 1, 1000, 20, 1.0, Duration.ofMinutes(60), Duration.ofMinutes(60), 100),
          CLOCK,
          d -> false,
          new SplittableRandom(3));
  private final TrafficCounters refusals = new TrafficCounters();
  private final GuardedInbound inbound =
      new GuardedInbound(
          delivered::add,
          () -> guard,
          "partner.example"::equals,
          () -> Optional.of(gateway),
          refusals);

  @Test
  void anUndeclaredDomainOverItsRateGetsResourceConstraintBack() {
    for (int i = 0; i < 3; i++) {
      inbound.deliver(message("bob@open.example/lab", "alice@fedgate.test", "m" + i));
    }

    assertThat(delivered).hasSize(2);
    assertThat(refusals.byKey()).containsOnlyKeys("GUARD_STANDARD_RATE").containsValue(1L);
    assertThat(replied)
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.attribute("type")).contains("error");
              assertThat(error.attribute("to")).contains("bob@open.example/lab");
              assertThat(error.attribute("from")).contains("alice@fedgate.test");
              assertThat(error.toXml()).contains("resource-constraint", "type='wait'");
            });
  }

  @Test
  void declaredPartnersAndErrorsAreNeverAnsweredByTheGuard() {
    for (int i = 0; i < 5; i++) {
      inbound.deliver(message("bob@partner.example", "alice@fedgate.test", "m" + i));
    }
    for (int i = 0; i < 5; i++) {
      inbound.deliver(
          message("bob@open.example", "alice@fedgate.test", "e" + i)
              .withAttribute("type", "error"));
    }

    assertThat(delivered).hasSize(7);
    assertThat(replied).isEmpty();
    assertThat(refusals.byKey()).containsEntry("GUARD_STANDARD_RATE", 3L);
  }

  private static XmlElement message(String from, String to, String id) {
    return new XmlElement(
        Namespaces.CLIENT, "message", Map.of("from", from, "to", to, "id", id), List.of());
  }
}
