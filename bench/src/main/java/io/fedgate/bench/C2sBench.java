package io.fedgate.bench;

import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.pki.SelfSignedIdentityFactory;
import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.C2sConfig;
import io.fedgate.xmpp.c2s.ClientSession;
import io.fedgate.xmpp.c2s.LocalSessions;
import io.fedgate.xmpp.c2s.StanzaRouter;
import io.fedgate.xmpp.netty.C2sListener;
import io.fedgate.xmpp.netty.C2sServices;
import io.fedgate.xmpp.sasl.AuthThrottle;
import io.fedgate.xmpp.sasl.InMemoryCredentialStore;
import io.fedgate.xmpp.stream.StreamLimits;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The C2S benchmark (see bench/README.md): a C2S listener (XEP-0368 direct TLS, as in the node,
 * with a router that delivers to full JIDs like the XCP Router's local path) in this JVM, and the
 * clients in a child JVM, so that the heap and resident memory measured here are the server's
 * alone. Prints the heap and RSS per idle session, then the local message rate and the delivery
 * latency percentiles the clients measured.
 */
public final class C2sBench {
  static final String DOMAIN = "bench.test";

  private C2sBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("clients")) {
      BenchClients.run(args);
      return;
    }
    int sessions = Integer.getInteger("sessions", 10_000);
    int pairs = Integer.getInteger("pairs", 200);
    int messages = Integer.getInteger("messages", 200_000);
    String address = System.getProperty("address", "127.0.0.60");
    int rate = Integer.getInteger("rate", 5_000);
    int paced = Integer.getInteger("paced", 50_000);

    SecureRandom random = new SecureRandom();
    // few PBKDF2 iterations: creating and logging in 10,000 users is set-up, not what is measured
    InMemoryCredentialStore users = new InMemoryCredentialStore(random, 16);
    for (int i = 0; i < sessions; i++) {
      users.put("u" + i, ("p" + i).toCharArray());
    }
    LocalSessions registry = new LocalSessions();
    C2sServices services =
        new C2sServices(
            new C2sConfig(DOMAIN, true, true, StreamLimits.DEFAULTS),
            users,
            new FullJidRouter(registry),
            registry,
            new AuthThrottle(Clock.systemUTC(), 1_000, Duration.ofMinutes(1), 100_000),
            C2sServices.serverEngines(serverTls(random)),
            random);
    try (C2sListener listener = new C2sListener(services, true, 0)) {
      InetSocketAddress bound = listener.start(new InetSocketAddress(address, 0));
      long heapBefore = heapAfterGc();
      long rssBefore = rssKib();
      Process clients =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx1g",
                  "-cp",
                  System.getProperty("java.class.path"),
                  C2sBench.class.getName(),
                  "clients",
                  bound.getHostString(),
                  String.valueOf(bound.getPort()),
                  String.valueOf(sessions),
                  String.valueOf(pairs),
                  String.valueOf(messages),
                  String.valueOf(rate),
                  String.valueOf(paced))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null) {
        System.out.println("clients: " + line);
        if (line.startsWith("IDLE")) {
          long heap = heapAfterGc() - heapBefore;
          long rss = rssKib() - rssBefore;
          System.out.printf(
              "server: %d sessions bound; heap after GC +%.1f MiB (%.1f KiB per session);"
                  + " RSS +%.1f MiB (%.1f KiB per session); heap max %.0f MiB%n",
              registry.size(),
              heap / 1048576.0,
              heap / 1024.0 / sessions,
              rss / 1024.0,
              (double) rss / sessions,
              Runtime.getRuntime().maxMemory() / 1048576.0);
          OutputStream go = clients.getOutputStream();
          go.write("GO\n".getBytes(StandardCharsets.US_ASCII));
          go.flush();
        }
      }
      System.out.println("clients exited with " + clients.waitFor());
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long rssKib() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return 0;
  }

  private static SSLContext serverTls(SecureRandom random) throws Exception {
    Identity identity =
        new SelfSignedIdentityFactory(Clock.systemUTC(), random)
            .create(DOMAIN, List.of(DOMAIN), Duration.ofDays(1));
    char[] pin = "bench".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "c2s", identity.privateKey(), pin, identity.chain().toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, pin);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }

  /** Messages to a bound full JID, as the XCP Router's local path delivers them. */
  private static final class FullJidRouter implements StanzaRouter {
    private final LocalSessions sessions;

    FullJidRouter(LocalSessions sessions) {
      this.sessions = sessions;
    }

    @Override
    public void route(XmlElement stanza, ClientSession sender) {
      if (stanza.name().equals("message")) {
        stanza
            .attribute("to")
            .flatMap(Jid::parse)
            .flatMap(sessions::find)
            .ifPresent(s -> s.deliver(stanza));
      }
    }
  }
}
