package io.fedgate.appliance.params;

import io.fedgate.appliance.service.ServiceName;
import java.util.Optional;
import java.util.Set;

/**
 * A runtime parameter (IM&P "service parameter"): stored in the config database, changed through
 * the REST API or CLI, audited. {@code live} says whether the affected services take a new value
 * without a restart; otherwise they are flagged "restart required".
 */
public record ParameterDefinition(
    String name,
    Type type,
    String defaultValue,
    int min,
    int max,
    Set<ServiceName> affects,
    boolean live,
    String description) {

  /** Value types. */
  public enum Type {
    BOOLEAN,
    INTEGER,
    HOSTNAME
  }

  public ParameterDefinition {
    affects = Set.copyOf(affects);
  }

  /** Why {@code value} is not acceptable, or empty when it is. */
  public Optional<String> check(String value) {
    return switch (type) {
      case BOOLEAN ->
          value.equals("true") || value.equals("false")
              ? Optional.empty()
              : Optional.of("must be true or false");
      case INTEGER -> checkInteger(value);
      case HOSTNAME ->
          value.isEmpty() || io.fedgate.core.net.HostSyntax.isDnsName(value)
              ? Optional.empty()
              : Optional.of("must be a DNS name (or empty for the default)");
    };
  }

  private Optional<String> checkInteger(String value) {
    try {
      int number = Integer.parseInt(value);
      return number >= min && number <= max
          ? Optional.empty()
          : Optional.of("must be between " + min + " and " + max);
    } catch (NumberFormatException e) {
      return Optional.of("must be a whole number between " + min + " and " + max);
    }
  }
}
