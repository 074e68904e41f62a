package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.certstore.testkit.TestFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

/**
 * The node-side set-up the SIP ITs share (SippInteropIT, KamailioInteropIT, TlsProxyLyncIT): a
 * federated SIP partner declared through the CLI (the test PKI's root in {@code cup-trust}, the SIP
 * domain, a static route, the ACL entry, the SIP Proxy restarted so that it reads them), the bound
 * port of a listener, and bob logged in with his messages collected.
 */
final class SipPartnerSetup {
  private SipPartnerSetup() {}

  static void ok(TestNode.CliRun run) {
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
  }

  /** Writes the test PKI's root to {@code temp/root.pem} and trusts it as {@code cup-trust}. */
  static void trustTestRoot(TestNode node, Path temp) throws Exception {
    Path root =
        TestCertificates.write(
            temp.resolve("root.pem"),
            TestFiles.pem(List.of(TestCertificates.PKI.root().certificate())));
    ok(node.local("certs", "import-trust", "cup-trust", root.toString()));
  }

  /** A static route of {@code domain} to one next hop (extra CLI options appended). */
  static TestNode.CliRun route(
      TestNode node, String domain, String host, int port, String protocol, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "routes",
                "add",
                "--domain",
                domain,
                "--next-hop",
                host,
                "--port",
                String.valueOf(port),
                "--protocol",
                protocol));
    args.addAll(List.of(extra));
    return node.local(args.toArray(new String[0]));
  }

  /** Restarts the SIP Proxy, which reads cup-trust, domains, routes and the ACL when it starts. */
  static void restartSipProxy(TestNode node) {
    ok(node.local("utils", "service", "restart", "SIP Proxy"));
  }

  /** The bound port of a listener as {@code fedgate status} shows it. */
  static int boundPort(TestNode node, String listener) {
    String status = node.local("status").out();
    Matcher bound =
        Pattern.compile("(?m)^\\s*" + listener + "\\s+\\S+\\s+bound (\\d+)").matcher(status);
    assertThat(bound.find()).as(status).isTrue();
    return Integer.parseInt(bound.group(1));
  }

  /** bob, logged in (subscriptions approved), his messages going to {@code inbox}. */
  static XMPPTCPConnection bob(SmackClients clients, BlockingQueue<Message> inbox)
      throws Exception {
    XMPPTCPConnection connection = clients.login("bob", SubscribeAnswer.Approve);
    connection.addAsyncStanzaListener(
        (Stanza s) -> inbox.add((Message) s), StanzaTypeFilter.MESSAGE);
    return connection;
  }
}
