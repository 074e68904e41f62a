package io.fedgate.core.config;

import java.util.Objects;

/**
 * One thing wrong with a piece of configuration, naming the field an operator has to fix.
 * Validation returns every problem at once and never corrects anything by itself.
 *
 * @param field the key or field name as the operator wrote it (e.g. {@code listener.admin.port})
 * @param message what is wrong and, where possible, what would be accepted
 */
public record ConfigProblem(String field, String message) {
  public ConfigProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
