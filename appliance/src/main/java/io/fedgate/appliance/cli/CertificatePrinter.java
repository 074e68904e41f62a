package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints certificate entries as the REST API describes them; there is never a key to print. */
final class CertificatePrinter {
  private CertificatePrinter() {}

  /**
   * One entry: its heading, then the leaf (or, with {@code wholeChain}, every certificate).
   *
   * @param entry a {@code CertificateJson} object
   */
  static void entry(JsonNode entry, boolean wholeChain, PrintWriter out) {
    List<String> notes = new ArrayList<>();
    notes.add(entry.path("kind").asText());
    if (entry.path("keyHeldOnNode").asBoolean()) {
      notes.add("key sealed on the node");
    }
    String listeners = ChangePrinter.names(entry.path("listeners"));
    notes.add("used by: " + (listeners.isEmpty() ? "-" : listeners));
    out.printf(
        "%s/%s  %s%n",
        entry.path("store").asText(), entry.path("alias").asText(), String.join("  ", notes));
    JsonNode chain = entry.path("chain");
    if (chain.isEmpty() && entry.hasNonNull("csr")) {
      out.printf(
          "  pending CSR: fedgate certs export %s %s#pending; then fedgate certs import-signed%n",
          entry.path("store").asText(), entry.path("alias").asText());
    }
    for (int i = 0; i < chain.size() && (wholeChain || i == 0); i++) {
      if (wholeChain && chain.size() > 1) {
        out.printf("  [%d]%n", i);
      }
      certificate(chain.get(i), out);
    }
    if (!wholeChain && chain.size() > 1) {
      out.printf("  (+%d more in the chain: fedgate certs show)%n", chain.size() - 1);
    }
  }

  private static void certificate(JsonNode c, PrintWriter out) {
    line(out, "subject", c.path("subject").asText());
    line(out, "SANs", sans(c.path("names")));
    line(
        out,
        "issuer",
        c.path("issuer").asText() + (c.path("selfSigned").asBoolean() ? " (self-signed)" : ""));
    line(out, "serial", c.path("serialNumber").asText());
    line(out, "valid", c.path("notBefore").asText() + " to " + c.path("notAfter").asText());
    line(
        out,
        "key",
        c.path("key").path("algorithm").asText() + " " + c.path("key").path("bits").asInt());
    String ekus = ChangePrinter.names(c.path("extendedKeyUsages"));
    line(out, "EKUs", ekus.isEmpty() ? "(none: any purpose)" : ekus);
    line(out, "SHA-256", c.path("sha256Fingerprint").asText());
  }

  private static String sans(JsonNode names) {
    List<String> sans = new ArrayList<>();
    names.path("dnsNames").forEach(n -> sans.add("DNS:" + n.asText()));
    names.path("ipAddresses").forEach(n -> sans.add("IP:" + n.asText()));
    names.path("srvNames").forEach(n -> sans.add("SRV:" + n.asText()));
    names.path("xmppAddrs").forEach(n -> sans.add("XmppAddr:" + n.asText()));
    return sans.isEmpty() ? "(none)" : String.join(", ", sans);
  }

  private static void line(PrintWriter out, String label, String value) {
    out.printf("  %-9s %s%n", label + ":", value);
  }
}
