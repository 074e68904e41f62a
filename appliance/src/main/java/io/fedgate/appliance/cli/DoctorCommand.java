package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fedgate doctor DOMAIN}: the Federation Doctor, from the CLI. */
@Command(
    name = "doctor",
    description = {
      "Run every federation check against a partner domain, both protocols: DNS SRV and addresses,",
      "TCP, TLS handshake, the peer's certificate, TLS peer subject, incoming ACL, route, SIP",
      "OPTIONS and the XMPP negotiation. Exit code 1 when a check fails."
    },
    mixinStandardHelpOptions = true)
final class DoctorCommand extends NodeCommand {
  @Parameters(index = "0", paramLabel = "DOMAIN", description = "the partner's domain")
  String domain;

  @Override
  int run(AdminClient client, PrintWriter out) throws CliException {
    AdminClient.Response response =
        client.get("/api/v1/doctor/" + URLEncoder.encode(domain, StandardCharsets.UTF_8));
    if (!response.ok()) {
      return failed(response);
    }
    JsonNode report = response.body();
    out.printf("Federation Doctor: %s%n", report.path("domain").asText());
    for (JsonNode step : report.path("steps")) {
      out.printf(
          "  %-4s %-5s %-22s %s%n",
          step.path("outcome").asText(),
          step.path("protocol").asText(),
          step.path("check").asText(),
          step.path("detail").asText());
      if (!step.path("reason").asText().equals("ok")
          && !step.path("outcome").asText().equals("SKIP")) {
        out.printf("       reason: %s%n", step.path("reason").asText());
      }
      if (!step.path("fix").asText().isEmpty()) {
        out.printf(
            "       fix (%s side): %s%n",
            step.path("fixSide").asText().toLowerCase(java.util.Locale.ROOT),
            step.path("fix").asText());
      }
    }
    out.printf(
        "overall: %s (%d ms)%n", report.path("overall").asText(), report.path("millis").asLong());
    return report.path("overall").asText().equals("FAIL") ? 1 : 0;
  }
}
