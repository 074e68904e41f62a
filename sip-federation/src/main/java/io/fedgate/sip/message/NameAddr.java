package io.fedgate.sip.message;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A From/To/Contact value: optional display name, the URI and the header parameters ({@code tag},
 * {@code epid}, {@code expires}...) — RFC 3261 §20.10, §20.20, §20.39.
 */
public record NameAddr(String displayName, String uri, Map<String, String> parameters) {

  public NameAddr {
    displayName = displayName == null ? "" : displayName;
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  public static NameAddr of(String uri) {
    return new NameAddr("", uri, Map.of());
  }

  /**
   * Parses {@code "Name" <uri>;params}, {@code <uri>;params} or a bare {@code addr-spec;params}
   * (where, per RFC 3261 §20.10, the parameters belong to the header, not the URI). Empty when no
   * URI can be found.
   */
  public static Optional<NameAddr> parse(String value) {
    String v = value.strip();
    int lt = indexOutsideQuotes(v, '<');
    if (lt >= 0) {
      int gt = v.indexOf('>', lt);
      if (gt < 0) {
        return Optional.empty();
      }
      String display = HeaderValues.unquote(v.substring(0, lt).strip());
      String uri = v.substring(lt + 1, gt).strip();
      String rest = v.substring(gt + 1).strip();
      if (uri.isEmpty() || (!rest.isEmpty() && !rest.startsWith(";"))) {
        return Optional.empty();
      }
      return Optional.of(new NameAddr(display, uri, HeaderValues.parameters(rest)));
    }
    int semi = v.indexOf(';');
    String uri = (semi < 0 ? v : v.substring(0, semi)).strip();
    if (uri.isEmpty() || uri.contains(" ") || uri.contains("\"")) {
      return Optional.empty();
    }
    return Optional.of(
        new NameAddr("", uri, HeaderValues.parameters(semi < 0 ? "" : v.substring(semi + 1))));
  }

  private static int indexOutsideQuotes(String s, char target) {
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && quoted) {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == target && !quoted) {
        return i;
      }
    }
    return -1;
  }

  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name.toLowerCase(java.util.Locale.ROOT)));
  }

  public NameAddr withParameter(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(parameters);
    copy.put(name, value);
    return new NameAddr(displayName, uri, copy);
  }

  /** {@code ["name" ]<uri>[;k=v]*}, always in angle brackets. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (!displayName.isEmpty()) {
      sb.append('"').append(displayName.replace("\\", "\\\\").replace("\"", "\\\"")).append("\" ");
    }
    sb.append('<').append(uri).append('>');
    parameters.forEach((k, val) -> sb.append(';').append(k).append(val.isEmpty() ? "" : "=" + val));
    return sb.toString();
  }
}
