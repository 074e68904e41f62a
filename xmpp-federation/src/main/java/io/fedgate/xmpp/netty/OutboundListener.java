package io.fedgate.xmpp.netty;

import io.fedgate.xmpp.s2s.AuthMethod;
import io.fedgate.xmpp.s2s.DialbackOutcome;
import io.fedgate.xmpp.s2s.FailureReason;
import io.fedgate.xmpp.s2s.TestStep;
import io.fedgate.xmpp.s2s.VerifyRequest;

/** Who owns an outbound attempt: a link, a dialback verification or a test. On its event loop. */
interface OutboundListener {

  /** The stream is authenticated; {@code handler} writes stanzas. */
  default void ready(S2sOutboundHandler handler, AuthMethod method) {}

  /** The attempt or stream failed; {@code bounce} is empty when nothing must be bounced. */
  void failed(FailureReason reason, String detail, String bounce);

  /** The connection closed (after {@link #ready} or {@link #failed}, or idle). */
  default void closed(S2sOutboundHandler handler) {}

  default void verifyAnswered(VerifyRequest request, DialbackOutcome outcome) {}

  default void progress(TestStep step) {}
}
