package io.fedgate.xmpp.s2s;

import java.util.Objects;
import java.util.Optional;

/**
 * Port: may this peer domain exchange stanzas with this local domain? The appliance implements it
 * with the incoming ACL, the XMPP federation policy (default allow/deny with direction-scoped
 * domain exceptions) and the open-federation guard. Called on Netty event loops: answer from
 * memory, never block.
 *
 * <p>When it is asked:
 *
 * <ul>
 *   <li>outbound, before a connection is opened for a stanza ({@code method} {@link
 *       AuthMethod#NONE}, no peer address yet): a refusal fails the stanza with {@code not-allowed}
 *       and opens nothing;
 *   <li>outbound and inbound, once a domain pair is authenticated (SASL EXTERNAL or dialback), with
 *       the peer's IP address: a refusal ends that pair (SASL: stream error {@code
 *       policy-violation}; dialback: {@code <db:result type='error'>} with {@code
 *       policy-violation}) and is recorded as a failure with the decision's reason code.
 * </ul>
 */
@FunctionalInterface
public interface Admission {

  Decision decide(Request request);

  /**
   * @param direction who opened the stream
   * @param localDomain our domain of the pair
   * @param peerDomain the remote domain (claimed and authenticated by {@code method})
   * @param peerAddress the peer's IP address as text; empty before a connection exists
   * @param method how the peer domain was authenticated
   */
  record Request(
      Direction direction,
      String localDomain,
      String peerDomain,
      Optional<String> peerAddress,
      AuthMethod method) {
    public Request {
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(localDomain, "localDomain");
      Objects.requireNonNull(peerDomain, "peerDomain");
      Objects.requireNonNull(peerAddress, "peerAddress");
      Objects.requireNonNull(method, "method");
    }
  }

  /**
   * @param allowed whether stanzas may flow
   * @param reasonCode a stable code for logs, the failure history and the CLI (e.g. {@code
   *     POLICY_DENY}, {@code ACL_DENY}, {@code OPEN_FEDERATION_GUARD}); {@code ALLOWED} when
   *     allowed
   * @param text a sentence for the operator; never sent to the peer
   */
  record Decision(boolean allowed, String reasonCode, String text) {
    public Decision {
      Objects.requireNonNull(reasonCode, "reasonCode");
      Objects.requireNonNull(text, "text");
    }

    public static Decision allow() {
      return new Decision(true, "ALLOWED", "allowed");
    }

    public static Decision refuse(String reasonCode, String text) {
      return new Decision(false, reasonCode, text);
    }
  }

  /** Everything allowed: tests, and a node without policy. */
  static Admission allowAll() {
    return request -> Decision.allow();
  }
}
