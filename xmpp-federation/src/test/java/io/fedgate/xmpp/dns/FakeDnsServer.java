package io.fedgate.xmpp.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * An authoritative DNS server on a loopback UDP port answering from a fixed zone (dnsjava's message
 * classes): NXDOMAIN for unknown names, NOERROR without answers for known names without the type.
 */
final class FakeDnsServer implements AutoCloseable {
  private final DatagramSocket socket;
  private final Map<Name, List<Record>> zone = new ConcurrentHashMap<>();
  final AtomicInteger queries = new AtomicInteger();
  private final Thread thread;

  FakeDnsServer(String address) throws SocketException, IOException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
    thread = new Thread(this::serve, "fake-dns");
    thread.setDaemon(true);
    thread.start();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  void add(Record record) {
    zone.computeIfAbsent(record.getName(), n -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(record);
  }

  private void serve() {
    byte[] buffer = new byte[4096];
    while (!socket.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        queries.incrementAndGet();
        Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        List<Record> records = zone.get(question.getName());
        if (records == null) {
          response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
          records.stream()
              .filter(r -> r.getType() == question.getType())
              .forEach(r -> response.addRecord(r, Section.ANSWER));
        }
        byte[] wire = response.toWire();
        socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
      } catch (IOException e) {
        // closed, or a malformed query: ignore
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
