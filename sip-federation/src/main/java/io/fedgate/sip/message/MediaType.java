package io.fedgate.sip.message;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Content-Type value: {@code type/subtype;param=value} (RFC 3261 §20.15). Also reads the
 * Microsoft {@code ms-text-format} / {@code ms-im-format} values, which have the same shape.
 */
public record MediaType(String type, String subtype, Map<String, String> parameters) {

  public MediaType {
    type = type.toLowerCase(Locale.ROOT);
    subtype = subtype.toLowerCase(Locale.ROOT);
    parameters = Map.copyOf(parameters);
  }

  /** Parses leniently: a value without a slash gives {@code type/""}. */
  public static MediaType parse(String value) {
    int semi = value.indexOf(';');
    String essence = (semi < 0 ? value : value.substring(0, semi)).strip();
    String params = semi < 0 ? "" : value.substring(semi + 1);
    int slash = essence.indexOf('/');
    String type = slash < 0 ? essence : essence.substring(0, slash).strip();
    String subtype = slash < 0 ? "" : essence.substring(slash + 1).strip();
    return new MediaType(type, subtype, HeaderValues.parameters(params));
  }

  /** {@code type/subtype}, lower-case. */
  public String essence() {
    return type + "/" + subtype;
  }

  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
  }
}
