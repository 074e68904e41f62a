package io.fedgate.appliance.cli;

import io.fedgate.certstore.pki.CertificateDecoder;
import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.pki.IdentityDecoder;
import io.fedgate.certstore.pki.UploadLimit;
import io.fedgate.certstore.tls.CipherProfile;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.certstore.trust.TrustedCertificates;
import io.fedgate.sip.interop.LyncPeer;
import io.fedgate.sip.jain.SipTls;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sip.message.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fedgate interop lync}: a simulated Lync Edge + user exercises a live SIP listener. */
@Command(
    name = "interop",
    description = "Interoperability checks against a live appliance.",
    mixinStandardHelpOptions = true,
    subcommands = {InteropCommand.Lync.class})
final class InteropCommand {

  @Command(
      name = "lync",
      description = {
        "Simulate a Lync/Skype for Business Edge of DOMAIN with one user and run Microsoft's flows",
        "against TARGET (the appliance's peer-auth listener) over mutual TLS: OPTIONS, page-mode",
        "MESSAGE, INVITE with the first message embedded, in-dialog MESSAGE, typing (INFO), BYE.",
        "Prints each step and a summary; exit code 1 when a step fails."
      },
      mixinStandardHelpOptions = true)
  static final class Lync implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--domain", required = true, description = "the simulated Lync SIP domain")
    String domain;

    @Option(names = "--target", required = true, description = "host:port of the SIP listener")
    String target;

    @Option(
        names = "--target-name",
        description = "name the appliance's certificate must carry (default: the target host)")
    String targetName;

    @Option(names = "--user", defaultValue = "alice", description = "the simulated Lync user")
    String user;

    @Option(names = "--to", required = true, description = "a user of the appliance, user@domain")
    String to;

    @Option(
        names = "--identity",
        required = true,
        description = "the Edge's certificate and key (PKCS#12 or PEM), with clientAuth+serverAuth")
    Path identity;

    @Option(
        names = "--identity-password-file",
        description = "file holding the PKCS#12 / key password")
    Path passwordFile;

    @Option(
        names = "--trust",
        required = true,
        description = "PEM certificates the appliance's cup certificate must chain to")
    Path trust;

    @Option(names = "--listen", defaultValue = "127.0.0.1:0", description = "the Edge's address")
    String listen;

    @Option(names = "--timeout", defaultValue = "5", description = "seconds per request")
    int timeout;

    private final List<String> failed = new ArrayList<>();
    private int passed;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      char[] password =
          passwordFile == null
              ? new char[0]
              : Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
      Identity edge =
          new IdentityDecoder(UploadLimit.DEFAULT).decode(Files.readAllBytes(identity), password);
      TrustedCertificates anchors =
          new TrustedCertificates(
              "interop-trust",
              new CertificateDecoder(UploadLimit.DEFAULT).decode(Files.readAllBytes(trust)));
      InetSocketAddress gateway = address(target);
      String name = targetName == null ? gateway.getHostString() : targetName;
      InetSocketAddress local = address(listen);
      try (LyncPeer peer =
          LyncPeer.start(
              new LyncPeer.Settings(
                  domain,
                  user,
                  local,
                  new SipTls(
                      edge,
                      anchors,
                      List.of(),
                      List.of("TLSv1.2"),
                      CipherProfile.LYNC_COMPATIBLE.suites(),
                      new PeerTrust(Clock.systemUTC()),
                      d -> {}),
                  Duration.ofSeconds(timeout)))) {
        out.printf(
            "Lync-dialect peer %s (user %s) on %s -> %s%n",
            domain, peer.aor(), peer.address(), target);
        String toUri = "sip:" + to;
        step(out, "OPTIONS", () -> peer.options(gateway, name), 200);
        step(
            out,
            "page-mode MESSAGE",
            () -> peer.message(toUri, "fedgate interop: page mode", gateway, name),
            200);
        Optional<LyncPeer.Session> session = Optional.empty();
        try {
          session = peer.invite(toUri, "fedgate interop: session mode", gateway, name);
          report(
              out,
              "INVITE (embedded first message) + ACK",
              session.isPresent(),
              session.isPresent() ? "200 OK" : "no 200 OK");
        } catch (Exception e) {
          report(out, "INVITE (embedded first message) + ACK", false, describe(e));
        }
        if (session.isPresent()) {
          LyncPeer.Session s = session.get();
          step(
              out,
              "in-dialog MESSAGE",
              () -> peer.say(s, "fedgate interop: in dialog", gateway, name),
              200);
          step(out, "INFO KeyboardActivity", () -> peer.typing(s, gateway, name), 200);
          step(out, "BYE", () -> peer.bye(s, gateway, name), 200);
        }
      }
      out.printf(
          "summary: %d passed, %d failed%s%n",
          passed, failed.size(), failed.isEmpty() ? "" : " " + failed);
      return failed.isEmpty() ? 0 : 1;
    }

    private interface SipStep {
      Response run() throws Exception;
    }

    private void step(PrintWriter out, String what, SipStep step, int expected) {
      try {
        Response response = step.run();
        report(
            out,
            what,
            response.getStatusCode() == expected,
            response.getStatusCode() + " " + response.getReasonPhrase());
      } catch (Exception e) {
        report(out, what, false, describe(e));
      }
    }

    private void report(PrintWriter out, String what, boolean ok, String detail) {
      out.printf("  %-4s %-40s %s%n", ok ? "PASS" : "FAIL", what, detail);
      if (ok) {
        passed++;
      } else {
        failed.add(what);
      }
    }

    private static String describe(Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static InetSocketAddress address(String hostPort) {
      int colon = hostPort.lastIndexOf(':');
      if (colon < 0) {
        throw new picocli.CommandLine.ParameterException(
            new picocli.CommandLine(new Lync()), "expected host:port, got " + hostPort);
      }
      return new InetSocketAddress(
          hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
  }
}
