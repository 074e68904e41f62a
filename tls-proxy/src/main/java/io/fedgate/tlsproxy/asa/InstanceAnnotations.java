package io.fedgate.tlsproxy.asa;

import io.fedgate.tlsproxy.config.Direction;
import io.fedgate.tlsproxy.config.Endpoint;
import io.fedgate.tlsproxy.config.ProxyInstance;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code ! fedgate <instance> <key> <values>} lines: what the ASA has no command for. */
final class InstanceAnnotations {
  private InstanceAnnotations() {}

  /** Applies one annotation; false when the key or its values are not understood. */
  static boolean apply(ProxyInstance.Builder b, String key, List<String> values) {
    switch (key) {
      case "direction" -> {
        if (values.size() != 1) {
          return false;
        }
        try {
          b.direction(Direction.valueOf(values.get(0).toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          return false;
        }
      }
      case "server-trust" -> b.serverTrust(values);
      case "peer-subjects" -> b.peerSubjects(values);
      case "client-trust" -> b.clientTrust(values);
      case "upstream-name" -> {
        if (values.size() != 1) {
          return false;
        }
        b.upstreamName(values.get(0));
      }
      case "cipher-suites" -> b.cipherSuites(values);
      case "protocols" -> b.protocols(values);
      case "listen", "target" -> {
        Optional<Endpoint> endpoint =
            values.size() == 1 ? Endpoint.parse(values.get(0)) : Optional.empty();
        if (endpoint.isEmpty()) {
          return false;
        }
        if (key.equals("listen")) {
          b.listen(endpoint.get());
        } else {
          b.target(endpoint.get());
        }
      }
      case "limits" -> {
        if (values.size() != 3 || !values.stream().allMatch(v -> v.matches("\\d{1,12}"))) {
          return false;
        }
        b.limits(
            new ProxyInstance.Limits(
                Duration.ofMillis(Long.parseLong(values.get(0))),
                Duration.ofMillis(Long.parseLong(values.get(1))),
                Integer.parseInt(values.get(2).length() > 9 ? "0" : values.get(2))));
      }
      case "sip-inspection" -> {
        if (values.size() != 1 || !List.of("on", "off").contains(values.get(0))) {
          return false;
        }
        b.sipInspection(values.get(0).equals("on"));
      }
      default -> {
        return false;
      }
    }
    return true;
  }
}
