package io.fedgate.tlsproxy.netty;

import io.fedgate.certstore.tls.ClientAuth;
import io.fedgate.certstore.tls.TlsContextFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The appliance's peer-auth listener as the proxy sees it: mutual TLS with a peer-subject check,
 * every SIP message received kept as text, each request answered by the reply function.
 */
final class SipServerStub implements AutoCloseable {
  final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final SSLServerSocket listener;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final UnaryOperator<String> reply;
  private final boolean replyAtEnd;

  /**
   * @param replyAtEnd answer the last message only once the peer half-closed (a server that reads
   *     the whole request stream first)
   */
  SipServerStub(
      TlsContextFactory tls, String address, UnaryOperator<String> reply, boolean replyAtEnd)
      throws IOException {
    this.reply = reply;
    this.replyAtEnd = replyAtEnd;
    listener =
        (SSLServerSocket)
            tls.sslContext()
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName(address));
    listener.setSSLParameters(tls.serverParameters(ClientAuth.NEED));
    executor.submit(this::acceptLoop);
  }

  int port() {
    return listener.getLocalPort();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        executor.submit(() -> serve((SSLSocket) socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(SSLSocket socket) {
    try (socket) {
      socket.setSoTimeout(20_000);
      socket.startHandshake();
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      String message;
      String last = null;
      while ((message = SipWire.read(in)) != null) {
        received.add(message);
        last = message;
        if (!replyAtEnd) {
          answer(out, message);
        }
      }
      if (replyAtEnd && last != null) {
        answer(out, last);
      }
    } catch (IOException e) {
      failures.add(e);
    }
  }

  private void answer(OutputStream out, String message) throws IOException {
    String answer = reply.apply(message);
    if (answer != null) {
      out.write(SipWire.bytes(answer));
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    executor.shutdownNow();
  }
}
