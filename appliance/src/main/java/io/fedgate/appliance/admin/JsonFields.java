package io.fedgate.appliance.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.core.config.ConfigProblem;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the fields of a JSON request body, recording a problem (named by field) for every value of
 * the wrong type instead of failing on the first.
 */
final class JsonFields {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode node;
  private final List<ConfigProblem> problems = new ArrayList<>();

  private JsonFields(JsonNode node) {
    this.node = node;
  }

  /** The body as a JSON object, or a 400 naming the expected shape. */
  static JsonFields of(Context ctx) {
    JsonNode node;
    try {
      node = JSON.readTree(ctx.body());
    } catch (Exception e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw new BadRequestResponse("the body must be a JSON object");
    }
    return new JsonFields(node);
  }

  boolean has(String field) {
    return node.hasNonNull(field);
  }

  String string(String field, String fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isValueNode()) {
      problems.add(new ConfigProblem(field, "must be a string"));
      return fallback;
    }
    return value.asText();
  }

  int integer(String field, int fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (value.isInt()) {
      return value.intValue();
    }
    if (value.isTextual()) {
      try {
        return Integer.parseInt(value.asText().trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problems.add(new ConfigProblem(field, "must be a whole number, not " + value));
    return fallback;
  }

  boolean bool(String field, boolean fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    String text = value.asText().trim().toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    problems.add(new ConfigProblem(field, "must be true or false, not " + value));
    return fallback;
  }

  <E extends Enum<E>> E choice(String field, Class<E> type, E fallback) {
    String text = string(field, null);
    if (text == null) {
      return fallback;
    }
    String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(wanted)) {
        return constant;
      }
    }
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.name().toLowerCase(Locale.ROOT));
    }
    problems.add(new ConfigProblem(field, "'" + text + "' is not one of " + names));
    return fallback;
  }

  /** The strings of a JSON array field; null when the field is absent or not an array. */
  List<String> stringList(String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      return null;
    }
    List<String> items = new ArrayList<>();
    for (JsonNode item : value) {
      if (item.isValueNode() && !item.isNull()) {
        items.add(item.asText().trim());
      } else {
        problems.add(new ConfigProblem(field, "must be a list of strings"));
      }
    }
    return items;
  }

  /** The names of the fields the body has. */
  List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Records a problem found by the caller, reported with the type problems. */
  void problem(String field, String message) {
    problems.add(new ConfigProblem(field, message));
  }

  List<ConfigProblem> problems() {
    return List.copyOf(problems);
  }
}
