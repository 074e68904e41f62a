package io.fedgate.appliance.config;

import io.fedgate.appliance.service.ServiceName;
import io.fedgate.core.config.ConfigProblem;
import java.util.List;
import java.util.Set;

/**
 * The outcome of a runtime config change: refused with every problem (nothing stored, nothing
 * audited), or done, with what the affected services did about it.
 */
public sealed interface ConfigResult<T> {

  /** Nothing was stored. */
  record Refused<T>(List<ConfigProblem> problems) implements ConfigResult<T> {
    public Refused {
      problems = List.copyOf(problems);
    }
  }

  /** Stored and audited. */
  record Done<T>(T value, Set<ServiceName> appliedLive, Set<ServiceName> restartRequired)
      implements ConfigResult<T> {}

  static <T> ConfigResult<T> refused(List<ConfigProblem> problems) {
    return new Refused<>(problems);
  }

  static <T> ConfigResult<T> refused(String field, String message) {
    return new Refused<>(List.of(new ConfigProblem(field, message)));
  }
}
