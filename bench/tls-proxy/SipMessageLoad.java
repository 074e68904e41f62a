import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * SIP MESSAGE load over mutual TLS for bench/tls-proxy/run.sh (compiled there with {@code javac},
 * no Maven build): {@code server ADDR:PORT P12} answers every MESSAGE with a 200
 * OK carrying its own address in Contact (so a proxy's SIP inspection has something to rewrite);
 * {@code client ADDR:PORT P12 CONNECTIONS WINDOW SECONDS} keeps WINDOW MESSAGEs outstanding on each
 * of CONNECTIONS connections for SECONDS (counted from when every handshake is done) and prints
 * {@code <answered within SECONDS> <seconds>}. The PKCS#12 file
 * (password "bench") holds the identity and, as trusted certificates, the CA.
 */
public final class SipMessageLoad {
  public static void main(String[] args) throws Exception {
    SSLContext tls = tls(Path.of(args[2]));
    String[] hostPort = args[1].split(":");
    InetSocketAddress address =
        new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
    if (args[0].equals("server")) {
      server(tls, address);
    } else {
      client(
          tls,
          address,
          Integer.parseInt(args[3]),
          Integer.parseInt(args[4]),
          Integer.parseInt(args[5]));
    }
  }

  static SSLContext tls(Path p12) throws Exception {
    char[] password = "bench".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      keys.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
    kmf.init(keys, password);
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    anchors.setCertificateEntry(
        "ca", keys.getCertificateChain(keys.aliases().nextElement())[1]);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(anchors);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  static void server(SSLContext tls, InetSocketAddress address) throws IOException {
    SSLServerSocket listener = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
    listener.setNeedClientAuth(true);
    listener.bind(address, 512);
    String contact = address.getHostString() + ":" + address.getPort();
    while (true) {
      Socket socket = listener.accept();
      Thread t = new Thread(() -> serve(socket, contact));
      t.setDaemon(true);
      t.start();
    }
  }

  static void serve(Socket socket, String contact) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
      OutputStream out = socket.getOutputStream();
      String request;
      while ((request = read(in)) != null) {
        String ok =
            "SIP/2.0 200 OK\r\n"
                + header(request, "Via")
                + header(request, "From")
                + header(request, "To").replace("\r\n", ";tag=s1\r\n")
                + header(request, "Call-ID")
                + header(request, "CSeq")
                + "Contact: <sip:bench@"
                + contact
                + ";transport=tls>\r\nContent-Length: 0\r\n\r\n";
        out.write(ok.getBytes(StandardCharsets.ISO_8859_1));
        if (in.available() == 0) {
          out.flush();
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  static void client(
      SSLContext tls, InetSocketAddress address, int connections, int window, int seconds)
      throws Exception {
    AtomicLong answered = new AtomicLong();
    long[] clock = new long[2]; // start, end: set once every connection's handshake is done
    CyclicBarrier ready =
        new CyclicBarrier(
            connections,
            () -> {
              clock[0] = System.nanoTime();
              clock[1] = clock[0] + seconds * 1_000_000_000L;
            });
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      int id = c;
      Thread t =
          new Thread(
              () -> {
                try {
                  load(tls, address, id, window, ready, clock, answered);
                } catch (Exception e) {
                  System.err.println("connection " + id + ": " + e);
                }
              });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    double took = (System.nanoTime() - clock[0]) / 1e9;
    System.out.printf(Locale.ROOT, "%d %.2f%n", answered.get(), took);
  }

  static void load(
      SSLContext tls,
      InetSocketAddress address,
      int id,
      int window,
      CyclicBarrier ready,
      long[] clock,
      AtomicLong answered)
      throws Exception {
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
      socket.setTcpNoDelay(true);
      socket.connect(address, 5000);
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      ready.await();
      long end = clock[1];
      InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
      OutputStream out = socket.getOutputStream();
      String local = socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
      long sent = 0;
      for (; sent < window; sent++) {
        out.write(message(local, id, sent));
      }
      out.flush();
      while (read(in) != null) {
        if (System.nanoTime() < end) {
          answered.incrementAndGet();
          out.write(message(local, id, sent++));
          out.flush();
        } else if (--window == 0) {
          return;
        }
      }
    }
  }

  static byte[] message(String local, int connection, long n) {
    String body = "Hello from the bench, message " + n;
    return ("MESSAGE sip:bob@backend.bench.example SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS "
            + local
            + ";branch=z9hG4bK-"
            + connection
            + "-"
            + n
            + "\r\nMax-Forwards: 70\r\n"
            + "From: <sip:alice@partner.example>;tag=c"
            + connection
            + "\r\nTo: <sip:bob@backend.bench.example>\r\n"
            + "Call-ID: bench-"
            + connection
            + "@partner.example\r\nCSeq: "
            + (n + 1)
            + " MESSAGE\r\nContact: <sip:alice@"
            + local
            + ";transport=tls>\r\nContent-Type: text/plain\r\nContent-Length: "
            + body.length()
            + "\r\n\r\n"
            + body)
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  static String header(String message, String name) {
    for (String line : message.split("\r\n")) {
      if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        return line + "\r\n";
      }
    }
    return "";
  }

  /** One SIP message (headers and Content-Length body), or null at the end of the stream. */
  static String read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(512);
    int matched = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        break;
      }
    }
    if (b < 0) {
      return null;
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    return headers + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
  }
}
