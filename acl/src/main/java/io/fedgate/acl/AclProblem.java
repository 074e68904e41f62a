package io.fedgate.acl;

import io.fedgate.core.config.ConfigProblem;

/**
 * One validation problem in ACL, policy or guard configuration. Validation reports every problem at
 * once and never corrects anything.
 *
 * @param field the offending field, e.g. {@code entries[2].pattern}
 * @param code stable code for tools and translations
 * @param message what is wrong, for an operator
 */
public record AclProblem(String field, Code code, String message) {

  /** Stable problem codes. */
  public enum Code {
    REQUIRED,
    TOO_LONG,
    OUT_OF_RANGE,
    INVALID_IP,
    INVALID_CIDR,
    HOST_BITS_SET,
    INVALID_NAME,
    INVALID_PATTERN,
    DUPLICATE,
    DOMAIN_BOTH_SIP_AND_XMPP
  }

  /** As the neutral {@link ConfigProblem} that the appliance aggregates (the code is dropped). */
  public ConfigProblem toConfigProblem() {
    return new ConfigProblem(field, message);
  }

  /** The same problem for element {@code index} of a list field. */
  public AclProblem at(String list, int index) {
    return new AclProblem(list + "[" + index + "]." + field, code, message);
  }
}
