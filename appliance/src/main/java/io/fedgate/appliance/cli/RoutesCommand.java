package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fedgate routes list|add|set|remove|explain|pattern}: IM&P static routes. */
@Command(
    name = "routes",
    description = "Static routes (Presence > Routing > Static Routes).",
    mixinStandardHelpOptions = true,
    subcommands = {
      RoutesCommand.ListRoutes.class,
      RoutesCommand.Add.class,
      RoutesCommand.Set.class,
      RoutesCommand.Remove.class,
      RoutesCommand.Explain.class,
      RoutesCommand.Pattern.class
    })
final class RoutesCommand {

  @Command(name = "list", description = "List the static routes with their ids.")
  static final class ListRoutes extends NodeCommand {
    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      AdminClient.Response response = client.get("/api/v1/routes");
      if (!response.ok()) {
        return failed(response);
      }
      out.printf(
          "%-4s %-28s %-6s %-30s %-4s %5s %6s  %s%n",
          "id", "pattern", "type", "next hop", "prot", "prio", "weight", "flags");
      for (JsonNode stored : response.body()) {
        JsonNode r = stored.path("route");
        out.printf(
            "%-4d %-28s %-6s %-30s %-4s %5d %6d  %s%s%n",
            stored.path("id").asLong(),
            r.path("destinationPattern").asText(),
            r.path("routeType").asText().toLowerCase(),
            r.path("nextHop").asText() + ":" + r.path("nextHopPort").asInt(),
            r.path("protocol").asText(),
            r.path("priority").asInt(),
            r.path("weight").asInt(),
            flags(r),
            r.path("description").asText().isEmpty() ? "" : "  " + r.path("description").asText());
      }
      return 0;
    }

    private static String flags(JsonNode r) {
      StringBuilder flags = new StringBuilder();
      flags.append(r.path("blocked").asBoolean() ? "blocked " : "");
      flags.append(r.path("inService").asBoolean() ? "" : "out-of-service ");
      flags.append(r.path("allowLessSpecific").asBoolean() ? "" : "no-less-specific ");
      flags.append(r.path("builtIn").asBoolean() ? "built-in" : "");
      return flags.toString().trim();
    }
  }

  /** The fields a route command may set; only the given ones are sent. */
  static final class RouteOptions {
    @Option(names = "--next-hop", paramLabel = "HOST", description = "FQDN, IP or SRV name")
    String nextHop;

    @Option(names = "--port", paramLabel = "PORT", description = "next hop port; 0 = resolve SRV")
    Integer port;

    @Option(names = "--type", paramLabel = "user|domain", description = "route type")
    String type;

    @Option(names = "--protocol", paramLabel = "tcp|udp|tls")
    String protocol;

    @Option(names = "--priority", paramLabel = "1..65535", description = "lower wins")
    Integer priority;

    @Option(names = "--weight", paramLabel = "1..65535", description = "share among equals")
    Integer weight;

    @Option(names = "--allow-less-specific", paramLabel = "true|false", arity = "1")
    Boolean allowLessSpecific;

    @Option(names = "--in-service", paramLabel = "true|false", arity = "1")
    Boolean inService;

    @Option(names = "--blocked", paramLabel = "true|false", arity = "1")
    Boolean blocked;

    @Option(names = "--description", paramLabel = "TEXT")
    String description;

    Map<String, Object> fields() {
      Map<String, Object> fields = new LinkedHashMap<>();
      put(fields, "nextHop", nextHop);
      put(fields, "nextHopPort", port);
      put(fields, "routeType", type);
      put(fields, "protocol", protocol);
      put(fields, "priority", priority);
      put(fields, "weight", weight);
      put(fields, "allowLessSpecific", allowLessSpecific);
      put(fields, "inService", inService);
      put(fields, "blocked", blocked);
      put(fields, "description", description);
      return fields;
    }

    private static void put(Map<String, Object> fields, String name, Object value) {
      if (value != null) {
        fields.put(name, value);
      }
    }
  }

  /** Either a reversed pattern or a domain to reverse. */
  static final class Destination {
    @Parameters(paramLabel = "PATTERN", description = "destination pattern, e.g. .com.example.*")
    String pattern;

    @Option(
        names = "--domain",
        paramLabel = "DOMAIN",
        description = "route a whole domain: .com.example.* of type domain")
    String domain;
  }

  @Command(name = "add", description = "Add a static route.")
  static final class Add extends NodeCommand {
    @ArgGroup(multiplicity = "1")
    Destination destination;

    @picocli.CommandLine.Mixin RouteOptions options;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      Map<String, Object> fields = new LinkedHashMap<>();
      if (destination.domain != null) {
        AdminClient.Response pattern =
            client.get("/api/v1/routes/pattern?domain=" + encode(destination.domain));
        if (!pattern.ok()) {
          return failed(pattern);
        }
        fields.put("destinationPattern", pattern.body().path("pattern").asText());
        fields.put("routeType", "domain");
      } else {
        fields.put("destinationPattern", destination.pattern);
      }
      fields.putAll(options.fields());
      return saved(client.post("/api/v1/routes", fields), out);
    }
  }

  @Command(name = "set", description = "Change fields of a route (the built-in .* route too).")
  static final class Set extends NodeCommand {
    @Parameters(index = "0", paramLabel = "ID")
    long id;

    @picocli.CommandLine.Mixin RouteOptions options;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      return saved(client.put("/api/v1/routes/" + id, options.fields()), out);
    }
  }

  @Command(name = "remove", description = "Remove a static route by id.")
  static final class Remove extends NodeCommand {
    @Parameters(index = "0", paramLabel = "ID")
    long id;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      AdminClient.Response response = client.delete("/api/v1/routes/" + id);
      if (!response.ok()) {
        return failed(response);
      }
      out.println("removed route " + id);
      ChangePrinter.effect(response.body(), out);
      return 0;
    }
  }

  @Command(name = "explain", description = "Show how an address would be routed, and why.")
  static final class Explain extends NodeCommand {
    @Parameters(
        index = "0",
        paramLabel = "ADDRESS",
        description = "sip:user@host, user@host or a domain")
    String address;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      AdminClient.Response response =
          client.get("/api/v1/routes/explain?address=" + encode(address));
      if (!response.ok()) {
        return failed(response);
      }
      response.body().path("lines").forEach(line -> out.println(line.asText()));
      return 0;
    }
  }

  @Command(name = "pattern", description = "The reversed pattern of a domain, with lint advice.")
  static final class Pattern extends NodeCommand {
    @Parameters(index = "0", paramLabel = "DOMAIN")
    String domain;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      AdminClient.Response response = client.get("/api/v1/routes/pattern?domain=" + encode(domain));
      if (!response.ok()) {
        return failed(response);
      }
      out.println(response.body().path("pattern").asText());
      response.body().path("lint").forEach(l -> out.println("  " + l.path("message").asText()));
      return 0;
    }
  }

  static int saved(AdminClient.Response response, PrintWriter out) {
    FailedResponse.ok(response);
    JsonNode stored = response.body().path("value").path("stored");
    out.printf(
        "route %d: %s -> %s:%d%n",
        stored.path("id").asLong(),
        stored.path("route").path("destinationPattern").asText(),
        stored.path("route").path("nextHop").asText(),
        stored.path("route").path("nextHopPort").asInt());
    response
        .body()
        .path("value")
        .path("lint")
        .forEach(l -> out.println("  advice: " + l.path("message").asText()));
    ChangePrinter.effect(response.body(), out);
    return 0;
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
