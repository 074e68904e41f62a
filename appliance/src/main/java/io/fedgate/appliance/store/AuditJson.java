package io.fedgate.appliance.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of objects in the audit log's before/after columns. Callers pass views that hold no
 * secret (keys, passwords and dialback secrets are replaced by {@code "***"} before this is
 * called).
 */
public final class AuditJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private AuditJson() {}

  /** JSON of {@code value}, or null for null (a creation has no before, a deletion no after). */
  public static String of(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON", e);
    }
  }
}
