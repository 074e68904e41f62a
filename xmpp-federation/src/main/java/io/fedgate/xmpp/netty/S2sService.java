package io.fedgate.xmpp.netty;

import io.fedgate.core.route.RemoteGateway;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.s2s.S2sConnection;
import io.fedgate.xmpp.s2s.S2sFailure;
import io.fedgate.xmpp.s2s.TestStep;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The XMPP Federation Connection Manager's engine: S2S listeners (STARTTLS and XEP-0368 direct
 * TLS), outbound connections (one per domain pair, reused), the connection list, the per-domain
 * failure history and the step-by-step test of {@code fedgate xmpp test DOMAIN}.
 *
 * <p>API first version: the transport behind it is being built (see the module README, "Not done
 * yet"); until then {@link #start}, {@link #send} and {@link #test} throw {@link
 * UnsupportedOperationException}.
 */
public final class S2sService implements RemoteGateway, AutoCloseable {
  private final S2sServices services;

  public S2sService(S2sServices services) {
    this.services = services;
  }

  /**
   * Binds the listeners (port 0 allowed) and starts accepting; answers the bound addresses,
   * STARTTLS ones first, in the given order.
   */
  public synchronized List<InetSocketAddress> start(
      List<InetSocketAddress> starttls, List<InetSocketAddress> directTls) throws Exception {
    throw new UnsupportedOperationException("S2S transport in progress (issue 6)");
  }

  /** The bound listener addresses (empty when stopped). */
  public List<InetSocketAddress> boundAddresses() {
    return List.of();
  }

  /**
   * Stops the listeners, closes every stream ({@code system-shutdown}), fails queued stanzas with
   * {@code remote-server-timeout}.
   */
  public synchronized void stop() {}

  @Override
  public void close() {
    stop();
  }

  /**
   * Sends a stanza ('from' a local JID, 'to' a remote JID) on the outbound stream of its domain
   * pair, opening it if needed; queued while the stream is negotiated. {@code failed} gets {@code
   * not-allowed} (admission refused), {@code remote-server-not-found} (DNS, connection, or
   * authentication failed), {@code remote-server-timeout} (no answer in time, link lost) or {@code
   * service-unavailable} (federation off).
   */
  @Override
  public void send(XmlElement stanza, Consumer<String> failed) {
    throw new UnsupportedOperationException("S2S transport in progress (issue 6)");
  }

  /** The authenticated domain pairs of the live streams. */
  public List<S2sConnection> connections() {
    return List.of();
  }

  /** The recent failures (newest first, bounded) of one remote domain. */
  public List<S2sFailure> failures(String domain) {
    return List.of();
  }

  /**
   * Runs one outbound negotiation to the domain from the first local domain, on a fresh connection
   * that is closed at the end, and answers its steps in order (DNS, TCP, STARTTLS, CERTIFICATE,
   * SASL_EXTERNAL or DIALBACK, RESULT). Never fails exceptionally: a failure is a FAILED step.
   */
  public CompletionStage<List<TestStep>> test(String domain) {
    throw new UnsupportedOperationException("S2S transport in progress (issue 6)");
  }

  S2sServices services() {
    return services;
  }
}
