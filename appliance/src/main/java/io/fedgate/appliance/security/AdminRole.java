package io.fedgate.appliance.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What an admin account may do. Each role includes the ones below it: a read-only user sees
 * everything and changes nothing; an operator also runs the node day to day (services, end users,
 * throttled peers); an administrator also changes configuration, certificates and admin accounts.
 */
public enum AdminRole {
  READ_ONLY("read-only"),
  OPERATOR("operator"),
  ADMINISTRATOR("administrator");

  private final String label;

  AdminRole(String label) {
    this.label = label;
  }

  /** True when this role includes {@code required}. */
  public boolean includes(AdminRole required) {
    return compareTo(required) >= 0;
  }

  public String label() {
    return label;
  }

  /** Accepts the label ({@code read-only}) or the constant name ({@code READ_ONLY}). */
  public static Optional<AdminRole> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (AdminRole role : values()) {
      if (role.name().equals(wanted)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return label;
  }
}
