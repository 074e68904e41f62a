package io.fedgate.sip.jain;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request that passed the inbound gate. Stateful requests carry their server transaction and are
 * answered with {@link #respond}; ACK and BENOTIFY carry none and are never answered.
 *
 * @param listener the listener it arrived on
 * @param peer the connection's remote address
 * @param peerNames the DNS names of the peer certificate (empty on TCP or server-auth)
 */
public record InboundRequest(
    SipEndpoint endpoint,
    SipEndpoint.Kind listener,
    Request request,
    Optional<ServerTransaction> transaction,
    InetSocketAddress peer,
    List<String> peerNames) {
  private static final Logger LOG = LoggerFactory.getLogger(InboundRequest.class);

  /** Whether the request expects an answer. */
  public boolean answerable() {
    return transaction.isPresent();
  }

  /** Answers with a bare status (and the gateway's To tag). */
  public void respond(int status) {
    respond(endpoint.response(status, request));
  }

  /** Sends the response; failures (peer gone) are logged, never thrown. */
  public void respond(Response response) {
    if (transaction.isEmpty()) {
      return;
    }
    try {
      transaction.get().sendResponse(response);
    } catch (Exception e) {
      LOG.debug("response {} to {} not sent: {}", response.getStatusCode(), peer, e.toString());
    }
  }
}
