package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fedgate guard show|release}: the open-federation guard's watch list and throttling. */
@Command(
    name = "guard",
    description = "Open-federation guard: thresholds, watch list, throttled partners.",
    mixinStandardHelpOptions = true,
    subcommands = {GuardCommand.Show.class, GuardCommand.Release.class})
final class GuardCommand {

  @Command(name = "show", description = "Thresholds, watch list and throttled partners.")
  static final class Show extends NodeCommand {
    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode body = FailedResponse.ok(client.get("/api/v1/guard")).body();
      JsonNode config = body.path("config");
      JsonNode snapshot = body.path("snapshot");
      out.printf(
          "thresholds: %d msg/s per discovered partner, %d msg/s when suspicious, watch list above"
              + " %d distinct local URIs%n",
          config.path("standardRatePerSecond").asInt(),
          config.path("suspiciousRatePerSecond").asInt(),
          config.path("maxDistinctLocalUris").asInt());
      out.printf("tracked partners: %d%n", snapshot.path("trackedPartners").asInt());
      out.println("watch list:" + (snapshot.path("watchList").isEmpty() ? " (empty)" : ""));
      for (JsonNode entry : snapshot.path("watchList")) {
        out.printf(
            "  %-40s since %s, %d distinct local URIs%n",
            entry.path("partner").asText(),
            entry.path("since").asText(),
            entry.path("distinctLocalUris").asInt());
      }
      out.println("throttled:" + (snapshot.path("throttled").isEmpty() ? " (none)" : ""));
      for (JsonNode partner : snapshot.path("throttled")) {
        out.printf(
            "  %-40s %d msg/s%s, %d throttled, %d admitted%n",
            partner.path("partner").asText(),
            partner.path("ratePerSecond").asInt(),
            partner.path("suspicious").asBoolean() ? " (suspicious)" : "",
            partner.path("throttled").asLong(),
            partner.path("admitted").asLong());
      }
      return 0;
    }
  }

  @Command(name = "release", description = "Take a partner off the watch list.")
  static final class Release extends NodeCommand {
    @Parameters(index = "0", paramLabel = "PARTNER")
    String partner;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      AdminClient.Response response =
          client.post("/api/v1/guard/release?partner=" + RoutesCommand.encode(partner));
      if (response.status() == 404) {
        out.println(partner + " is not on the watch list");
        return 1;
      }
      FailedResponse.ok(response);
      out.println(partner + " released from the watch list");
      return 0;
    }
  }
}
