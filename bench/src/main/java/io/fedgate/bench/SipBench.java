package io.fedgate.bench;

import io.fedgate.appliance.boot.BootConfig;
import io.fedgate.appliance.boot.BootConfigLoader;
import io.fedgate.appliance.cli.FedgateCli;
import io.fedgate.appliance.node.Node;
import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.TestFiles;
import io.fedgate.certstore.testkit.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * The SIP benchmark (see bench/README.md): SIPp sends page-mode MESSAGEs over TLS (SIPp over TCP
 * into a stunnel client service, since Debian's SIPp has no TLS) to a whole node's peer-auth
 * listener (mutual TLS), which delivers them to XMPP users logged in with Smack; and, in the same
 * run, the same SIPp load relayed by Kamailio (mutual TLS in and out) to a SIPp UAS behind a
 * stunnel server service. Rates increase step by step, alternating fedgate and Kamailio at each
 * rate. Each MESSAGE body carries SIPp's send time (gettimeofday, microseconds), so the XMPP
 * receivers in this JVM measure the delivery latency; SIPp's own response times (MESSAGE to 200,
 * whole milliseconds) are reported for both.
 */
public final class SipBench {
  private static final String NODE = "127.0.0.37";
  private static final String STUNNEL = "127.0.0.38";
  private static final String KAMAILIO = "127.0.0.38";
  private static final String SIPP = "127.0.0.39";
  private static final Pattern SENT = Pattern.compile("sent=(\\d+)");

  private final Path work;
  private final List<Process> processes = new ArrayList<>();
  private final int users;
  private Node node;
  private String domain;
  private final List<XMPPTCPConnection> receivers = new ArrayList<>();

  /** The XMPP receivers' JVM and its command/answer lines. */
  private Process receiverJvm;

  private java.io.BufferedWriter toReceivers;
  private java.io.BufferedReader fromReceivers;

  /** Latencies (µs) of the current step, filled by the receivers. */
  private volatile long[] latencies = new long[0];

  private final AtomicInteger delivered = new AtomicInteger();

  private SipBench(Path work, int users) {
    this.work = work;
    this.users = users;
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("receivers")) {
      receivers(args);
      return;
    }
    List<Integer> rates =
        Arrays.stream(System.getProperty("rates", "1000,2000,3000,4000,5000,6000").split(","))
            .map(String::trim)
            .map(Integer::parseInt)
            .toList();
    int seconds = Integer.getInteger("seconds", 8);
    int users = Integer.getInteger("users", 20);
    int warmup = Integer.getInteger("warmup", 10);
    int warmupRate = Integer.getInteger("warmupRate", 1000);
    Path work = Files.createTempDirectory("sip-bench");
    SipBench bench = new SipBench(work, users);
    Runtime.getRuntime().addShutdownHook(new Thread(bench::close));
    try {
      bench.run(rates, seconds, warmup, warmupRate);
    } finally {
      bench.close();
      if (!Boolean.getBoolean("keep")) {
        try (var files = Files.walk(work)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      } else {
        log("work dir kept: " + work);
      }
    }
    System.exit(0);
  }

  private record Step(
      String target,
      int rate,
      int sent,
      int ok,
      int failed,
      double seconds,
      int delivered,
      long[] sipRtt,
      long[] delivery,
      double cpuMicrosPerMessage) {
    double achieved() {
      return ok / seconds;
    }

    double failures() {
      int lost = delivery == null ? 0 : Math.max(0, ok - delivered);
      return sent == 0 ? 1 : (double) (failed + lost + Math.max(0, sent - ok - failed)) / sent;
    }

    /** Clean: under 1 % failures and the load kept up (all done within 25 % of the send time). */
    boolean clean() {
      return failures() < 0.01 && achieved() >= rate * 0.8;
    }
  }

  private void run(List<Integer> rates, int seconds, int warmup, int warmupRate) throws Exception {
    log("work dir " + work + "; load before: " + loadAverage());
    TestPki pki = TestPki.shared();
    IssuedIdentity partner = leaf(pki, "sip.partner.test", "sip.partner.test", "partner.test");
    Files.write(work.resolve("partner.key"), TestFiles.keyPem(partner.privateKey()));
    Files.write(work.resolve("partner.pem"), TestFiles.pem(partner.chainWithoutRoot()));
    Files.write(work.resolve("root.pem"), TestFiles.pem(List.of(pki.root().certificate())));
    copyResource("message.xml");
    copyResource("uas.xml");
    StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
    for (int i = 0; i < users; i++) {
      csv.append('u').append(i).append(";\n");
    }
    Files.writeString(work.resolve("users.csv"), csv);

    startNode();
    int stunnelToNode = freePort(STUNNEL);
    int stunnelToKamailio = freePort(STUNNEL);
    int stunnelToUas = freePort(STUNNEL);
    int kamailioTls = freePort(KAMAILIO);
    int uasPort = freePort(SIPP);
    cli("certs", "export", "cup", "cup", "--out", work.resolve("cup.pem").toString());
    cli("certs", "import-trust", "cup-trust", work.resolve("root.pem").toString());
    cli("sip-domains", "add", "partner.test");
    cli("acl", "add", "ip", STUNNEL);
    // all the load comes from one peer (stunnel's one connection): the per-peer flood throttle
    // (5000/s by default) would answer 503 above it; off by default here, to measure capacity
    cli(
        "utils",
        "param",
        "set",
        "sip.inbound-requests-per-peer-per-second",
        System.getProperty("peerRate", "0"));
    cli("utils", "service", "restart", "SIP Proxy");
    int peerAuth = boundPort("sip-peer-auth");
    int c2s = boundPort("xmpp-c2s");
    List<String> passwords = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      Matcher printed = Pattern.compile("password: (\\S+)").matcher(cli("users", "add", "u" + i));
      if (!printed.find()) {
        throw new IllegalStateException("no password printed for u" + i);
      }
      passwords.add(printed.group(1));
    }
    startReceivers(c2s, passwords);

    Files.writeString(
        work.resolve("stunnel.conf"),
        String.join(
            "\n",
            "foreground = yes",
            "pid =",
            "debug = warning",
            "[to-fedgate]",
            "client = yes",
            "accept = " + STUNNEL + ":" + stunnelToNode,
            "connect = " + NODE + ":" + peerAuth,
            "local = " + STUNNEL,
            "cert = " + work.resolve("partner.pem"),
            "key = " + work.resolve("partner.key"),
            "CAfile = " + work.resolve("cup.pem"),
            "verifyPeer = yes",
            "[to-kamailio]",
            "client = yes",
            "accept = " + STUNNEL + ":" + stunnelToKamailio,
            "connect = " + KAMAILIO + ":" + kamailioTls,
            "local = " + STUNNEL,
            "cert = " + work.resolve("partner.pem"),
            "key = " + work.resolve("partner.key"),
            "CAfile = " + work.resolve("root.pem"),
            "verifyChain = yes",
            "[to-uas]",
            "accept = " + STUNNEL + ":" + stunnelToUas,
            "connect = " + SIPP + ":" + uasPort,
            "cert = " + work.resolve("partner.pem"),
            "key = " + work.resolve("partner.key"),
            "CAfile = " + work.resolve("root.pem"),
            "verifyChain = yes",
            "requireCert = yes",
            ""));
    start("stunnel", List.of("stunnel", work.resolve("stunnel.conf").toString()));
    Files.writeString(
        work.resolve("tls.cfg"),
        String.join(
            "\n",
            "[server:default]",
            "method = TLSv1.2+",
            "verify_certificate = yes",
            "require_certificate = yes",
            "certificate = " + work.resolve("partner.pem"),
            "private_key = " + work.resolve("partner.key"),
            "ca_list = " + work.resolve("root.pem"),
            "",
            "[client:default]",
            "method = TLSv1.2+",
            "verify_certificate = yes",
            "require_certificate = yes",
            "certificate = " + work.resolve("partner.pem"),
            "private_key = " + work.resolve("partner.key"),
            "ca_list = " + work.resolve("root.pem"),
            ""));
    Files.writeString(
        work.resolve("kamailio.cfg"),
        String.join(
            "\n",
            "#!KAMAILIO",
            "debug=1",
            "log_stderror=yes",
            "children=2",
            "tcp_children=4",
            "auto_aliases=no",
            "enable_tls=yes",
            "tcp_source_ipv4=" + KAMAILIO,
            "tcp_conn_wq_max=4194304",
            "tcp_wq_max=67108864",
            "listen=tls:" + KAMAILIO + ":" + kamailioTls,
            "loadmodule \"tm.so\"",
            "loadmodule \"sl.so\"",
            "loadmodule \"pv.so\"",
            "loadmodule \"maxfwd.so\"",
            "loadmodule \"tls.so\"",
            "modparam(\"tls\", \"config\", \"" + work.resolve("tls.cfg") + "\")",
            "request_route {",
            "  if (!mf_process_maxfwd_header(\"10\")) { sl_send_reply(\"483\", \"Too Many Hops\");"
                + " exit; }",
            "  $du = \"sip:" + STUNNEL + ":" + stunnelToUas + ";transport=tls\";",
            "  if (!t_relay()) { sl_reply_error(); }",
            "}",
            ""));
    start(
        "kamailio",
        List.of(
            "kamailio",
            "-f",
            work.resolve("kamailio.cfg").toString(),
            "-P",
            work.resolve("kamailio.pid").toString(),
            "-Y",
            work.toString(),
            "-m",
            "1024",
            "-DD",
            "-E"));
    start(
        "uas",
        List.of(
            "sipp",
            "-sf",
            work.resolve("uas.xml").toString(),
            "-t",
            "t1",
            "-i",
            SIPP,
            "-p",
            String.valueOf(uasPort),
            "-nostdin",
            "-max_socket",
            "1000"));
    for (int port : List.of(stunnelToNode, stunnelToKamailio, stunnelToUas)) {
      awaitListening(STUNNEL, port);
    }
    awaitListening(KAMAILIO, kamailioTls);
    awaitListening(SIPP, uasPort);

    String fedgate = STUNNEL + ":" + stunnelToNode;
    String kamailio = STUNNEL + ":" + stunnelToKamailio;
    // JAIN-SIP and the gateway need C2-compiled code: the first steps after a short warm-up
    // measure the JIT (the node's CPU per MESSAGE halves between two 10 s steps at 1,500/s)
    log("warm-up: " + warmup + " s at " + warmupRate + "/s to each");
    step("fedgate", fedgate, warmupRate, warmup, true);
    step("kamailio", kamailio, warmupRate, warmup, false);

    List<Step> steps = new ArrayList<>();
    boolean fedgateOn = true;
    boolean kamailioOn = true;
    for (int rate : rates) {
      if (fedgateOn) {
        Step s = step("fedgate", fedgate, rate, seconds, true);
        steps.add(s);
        print(s);
        fedgateOn = s.failures() < 0.5;
      }
      if (kamailioOn) {
        Step s = step("kamailio", kamailio, rate, seconds, false);
        steps.add(s);
        print(s);
        kamailioOn = s.failures() < 0.5;
      }
    }
    log("load after: " + loadAverage());
    System.out.println();
    System.out.println(
        "SUMMARY (highest offered rate with <1% failures that the target kept up with)");
    double fedgateBest = best(steps, "fedgate");
    double kamailioBest = best(steps, "kamailio");
    System.out.printf(
        Locale.ROOT,
        "fedgate %.0f/s, kamailio %.0f/s, ratio fedgate/kamailio %.2f%n",
        fedgateBest,
        kamailioBest,
        kamailioBest == 0 ? 0 : fedgateBest / kamailioBest);
  }

  private static double best(List<Step> steps, String target) {
    return steps.stream()
        .filter(s -> s.target().equals(target) && s.clean())
        .mapToDouble(Step::rate)
        .max()
        .orElse(0);
  }

  private Step step(String name, String target, int rate, int seconds, boolean xmpp)
      throws Exception {
    int calls = rate * seconds;
    if (xmpp) {
      command("RESET " + (calls + 1000));
    }
    String run = name + "-" + rate + "-" + System.nanoTime();
    Path stat = work.resolve(run + "-stat.csv");
    List<Path> rttBefore = rttFiles();
    long cpuBefore = processCpuNanos();
    long start = System.nanoTime();
    Process sipp =
        start(
            run,
            List.of(
                "sipp",
                "-sf",
                work.resolve("message.xml").toString(),
                "-inf",
                work.resolve("users.csv").toString(),
                "-key",
                "to_domain",
                domain,
                "-t",
                "t1",
                "-i",
                SIPP,
                "-p",
                String.valueOf(freePort(SIPP)),
                "-r",
                String.valueOf(rate),
                "-m",
                String.valueOf(calls),
                "-l",
                String.valueOf(Math.max(1000, rate * 6)),
                "-nostdin",
                "-trace_stat",
                "-stf",
                stat.toString(),
                "-fd",
                "1",
                "-trace_rtt",
                "-rtt_freq",
                "100",
                "-trace_err",
                "-timeout",
                (seconds + 20) + "s",
                target));
    if (!sipp.waitFor(seconds + 40, TimeUnit.SECONDS)) {
      sipp.destroyForcibly();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    int deliveredCount = 0;
    long[] delivery = null;
    if (xmpp) {
      // the receivers wait until no delivery arrived for a second, then write their latencies
      Path report = work.resolve(run + "-delivery.txt");
      deliveredCount = Integer.parseInt(command("REPORT " + report).substring("DONE ".length()));
      delivery =
          Files.readAllLines(report).stream()
              .filter(l -> !l.isBlank())
              .mapToLong(Long::parseLong)
              .sorted()
              .toArray();
    }
    long cpu = processCpuNanos() - cpuBefore;
    int[] counts = sippCounts(stat);
    return new Step(
        name,
        rate,
        calls,
        counts[0],
        counts[1],
        elapsed,
        deliveredCount,
        rtts(rttFiles().stream().filter(f -> !rttBefore.contains(f)).findFirst()),
        delivery,
        xmpp && counts[0] > 0 ? cpu / 1000.0 / counts[0] : 0);
  }

  /** Successful and failed calls from the last line of SIPp's statistics file. */
  private static int[] sippCounts(Path stat) throws IOException {
    if (!Files.exists(stat)) {
      return new int[] {0, 0};
    }
    List<String> lines = Files.readAllLines(stat, StandardCharsets.ISO_8859_1);
    if (lines.size() < 2) {
      return new int[] {0, 0};
    }
    List<String> header = Arrays.asList(lines.get(0).split(";"));
    String[] last = lines.get(lines.size() - 1).split(";");
    int ok = header.indexOf("SuccessfulCall(C)");
    int failed = header.indexOf("FailedCall(C)");
    return new int[] {Integer.parseInt(last[ok].trim()), Integer.parseInt(last[failed].trim())};
  }

  /** SIPp's response time files ({@code message_<pid>_rtt.csv}: -trace_rtt takes no name). */
  private List<Path> rttFiles() throws IOException {
    try (var files = Files.list(work)) {
      return files.filter(f -> f.getFileName().toString().endsWith("_rtt.csv")).toList();
    }
  }

  /** SIPp's response times (ms), sorted. */
  private static long[] rtts(Optional<Path> rtt) throws IOException {
    if (rtt.isEmpty()) {
      return new long[0];
    }
    return Files.readAllLines(rtt.get(), StandardCharsets.ISO_8859_1).stream()
        .skip(1)
        .map(l -> l.split(";"))
        .filter(f -> f.length >= 2)
        .mapToLong(f -> Math.round(Double.parseDouble(f[1].trim())))
        .sorted()
        .toArray();
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted == null || sorted.length == 0) {
      return -1;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static void print(Step s) {
    System.out.printf(
        Locale.ROOT,
        "%-8s offered %5d/s  ok %6d/%6d  failed %5d  achieved %7.0f/s  failures %5.2f%%  "
            + "SIP rtt p50 %3d ms p99 %4d ms%s  %s%n",
        s.target(),
        s.rate(),
        s.ok(),
        s.sent(),
        s.failed(),
        s.achieved(),
        100 * s.failures(),
        percentile(s.sipRtt(), 0.5),
        percentile(s.sipRtt(), 0.99),
        s.delivery() == null
            ? ""
            : String.format(
                Locale.ROOT,
                "  delivered %6d  XMPP delivery p50 %.1f ms p99 %.1f ms max %.1f ms"
                    + "  node CPU %.0f µs/MESSAGE",
                s.delivered(),
                percentile(s.delivery(), 0.5) / 1000.0,
                percentile(s.delivery(), 0.99) / 1000.0,
                percentile(s.delivery(), 1.0) / 1000.0,
                s.cpuMicrosPerMessage()),
        s.clean() ? "CLEAN" : "not clean");
  }

  // ------------------------------------------------------------------------------ the node

  private void startNode() throws IOException {
    Path data = work.resolve("data");
    Path boot = work.resolve("boot.properties");
    Files.writeString(
        boot,
        String.join(
            "\n",
            "listener.admin.port = 0",
            "listener.xmpp-c2s.address = 127.0.0.1",
            "listener.xmpp-c2s.port = 0",
            "listener.xmpp-c2s-direct-tls.address = 127.0.0.1",
            "listener.xmpp-c2s-direct-tls.port = 0",
            "listener.sip-peer-auth.address = " + NODE,
            "listener.sip-peer-auth.port = 0",
            "listener.sip-server-auth.address = 127.0.0.1",
            "listener.sip-server-auth.port = 0",
            ""));
    BootConfig config =
        new BootConfigLoader().load(Optional.of(boot), Optional.of(data)).orElseThrow();
    node = Node.start(config, Clock.systemUTC(), new PrintWriter(new StringWriter(), true));
    domain = config.localDomains().get(0);
  }

  private String cli(String... args) {
    String[] all = Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--data-dir";
    all[args.length + 1] = work.resolve("data").toString();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = FedgateCli.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", args) + ": " + out + err);
    }
    return out.toString();
  }

  private int boundPort(String listener) {
    String status = cli("status");
    Matcher bound =
        Pattern.compile("(?m)^\\s*" + listener + "\\s+\\S+\\s+bound (\\d+)").matcher(status);
    if (!bound.find()) {
      throw new IllegalStateException("no " + listener + " in " + status);
    }
    return Integer.parseInt(bound.group(1));
  }

  /**
   * The Smack receivers run in a child JVM (like C2sBench's clients), so that their threads' XML
   * parsing and garbage are not in the node's heap and GC pauses: what is measured is the node's.
   */
  private void startReceivers(int c2s, List<String> passwords) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(SipBench.class.getName());
    command.add("receivers");
    command.add(String.valueOf(c2s));
    command.add(domain);
    for (int i = 0; i < users; i++) {
      command.add("u" + i + ":" + passwords.get(i));
    }
    receiverJvm =
        new ProcessBuilder(command).redirectError(work.resolve("receivers.log").toFile()).start();
    toReceivers =
        new java.io.BufferedWriter(
            new java.io.OutputStreamWriter(receiverJvm.getOutputStream(), StandardCharsets.UTF_8));
    fromReceivers =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(receiverJvm.getInputStream(), StandardCharsets.UTF_8));
    String ready = answer("READY");
    if (ready == null) {
      throw new IllegalStateException(
          "receivers did not log in, see " + work.resolve("receivers.log"));
    }
  }

  /**
   * The next line starting with {@code prefix} (other lines are log output), or null at the end.
   */
  private String answer(String prefix) throws IOException {
    String line;
    while ((line = fromReceivers.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    return null;
  }

  /** Sends a command line to the receivers' JVM and returns its answer line. */
  private String command(String line) throws IOException {
    toReceivers.write(line);
    toReceivers.newLine();
    toReceivers.flush();
    String answer = answer(line.startsWith("RESET") ? "OK" : "DONE ");
    if (answer == null) {
      throw new IllegalStateException(
          "the receivers' JVM ended, see " + work.resolve("receivers.log"));
    }
    return answer;
  }

  /**
   * The receivers' JVM: {@code receivers <c2s port> <domain> <user:password>...}; prints READY once
   * all are logged in, then answers RESET n (OK) and REPORT path (waits until no delivery came for
   * a second, at most 20 s, writes the latencies in µs to path, answers DONE delivered).
   */
  private static void receivers(String[] args) throws Exception {
    int port = Integer.parseInt(args[1]);
    SipBench bench = new SipBench(Path.of("."), args.length - 3);
    bench.domain = args[2];
    for (int i = 3; i < args.length; i++) {
      String[] account = args[i].split(":", 2);
      bench.receivers.add(bench.receiver(account[0], account[1], port));
    }
    System.out.println("READY");
    System.out.flush();
    java.io.BufferedReader in =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith("RESET ")) {
        bench.latencies = new long[Integer.parseInt(line.substring(6).trim())];
        bench.delivered.set(0);
        System.out.println("OK");
      } else if (line.startsWith("REPORT ")) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int before = -1;
        while (System.nanoTime() < deadline && bench.delivered.get() != before) {
          before = bench.delivered.get();
          Thread.sleep(1000);
        }
        int count = Math.min(bench.delivered.get(), bench.latencies.length);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
          out.append(bench.latencies[i]).append('\n');
        }
        Files.writeString(Path.of(line.substring(7).trim()), out);
        System.out.println("DONE " + bench.delivered.get());
      } else {
        System.out.println("? " + line);
      }
      System.out.flush();
    }
    bench.close();
    System.exit(0);
  }

  private XMPPTCPConnection receiver(String user, String password, int port) throws Exception {
    XMPPTCPConnection connection =
        new XMPPTCPConnection(
            XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(port)
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(new TrustAll())
                .setUsernameAndPassword(user, password)
                .setResource("bench")
                .addEnabledSaslMechanism("SCRAM-SHA-1")
                .setSendPresence(true)
                .build());
    connection.setReplyTimeout(20_000);
    connection.addSyncStanzaListener(
        stanza -> {
          Instant at = Instant.now();
          long now = at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
          String body = ((Message) stanza).getBody();
          if (body == null) {
            return;
          }
          Matcher sent = SENT.matcher(body);
          if (sent.find()) {
            int index = delivered.getAndIncrement();
            long[] target = latencies;
            if (index < target.length) {
              target[index] = Math.max(0, now - Long.parseLong(sent.group(1)));
            }
          }
        },
        StanzaTypeFilter.MESSAGE);
    connection.connect().login();
    return connection;
  }

  /** Bench only: the node's self-signed cup-xmpp certificate is trusted without a check. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  // ------------------------------------------------------------------------------ processes

  private static IssuedIdentity leaf(TestPki pki, String name, String... dns) {
    Instant now = Instant.now();
    return CertificateBuilder.leaf(name)
        .dns(dns)
        .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)))
        .signedBy(pki.intermediate());
  }

  private void copyResource(String name) throws IOException {
    try (InputStream in = SipBench.class.getResourceAsStream("/sipbench/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource sipbench/" + name);
      }
      Files.copy(in, work.resolve(name));
    }
  }

  private Process start(String name, List<String> command) throws IOException {
    Process process =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve(name + ".log").toFile())
            .start();
    processes.add(process);
    return process;
  }

  private static int freePort(String address) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
      return socket.getLocalPort();
    }
  }

  private static void awaitListening(String address, int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Process ss = new ProcessBuilder("ss", "-ltnH").redirectErrorStream(true).start();
      String out;
      try (InputStream in = ss.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (out.contains(" " + address + ":" + port + " ")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("nothing listens on " + address + ":" + port);
  }

  /** CPU time (user + system) of this JVM: the node (the receivers have their own JVM). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  private static void log(String line) {
    System.out.println("[sip-bench] " + line);
  }

  private void close() {
    for (XMPPTCPConnection receiver : receivers) {
      receiver.disconnect();
    }
    receivers.clear();
    if (receiverJvm != null) {
      receiverJvm.destroy();
      try {
        receiverJvm.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      receiverJvm.destroyForcibly();
      receiverJvm = null;
    }
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
    if (node != null) {
      node.close();
      node = null;
    }
  }
}
