package io.fedgate.sip.translate;

import io.fedgate.core.stanza.Jid;
import io.fedgate.sip.message.NameAddr;
import io.fedgate.sip.message.SipMessage;
import java.util.Locale;

/** The XMPP addresses of a SIP request: sender from From, addressee from Request-URI or To. */
final class SipAddresses {
  record Pair(Jid from, Jid to) {}

  private SipAddresses() {}

  /**
   * {@code from} is the From URI (a {@code gr} parameter becomes the resource; Lync's epid and
   * opaque GRUU do not, PROTOCOL.md §2.4). {@code to} is the Request-URI when it names a user, else
   * the To URI (in-dialog requests target the gateway's Contact). A {@code sips:} Request-URI or To
   * is refused (RFC 7247 §8).
   */
  static Translation<Pair> of(SipMessage request) {
    String requestUri = request.requestUri().orElse("");
    if (requestUri.toLowerCase(Locale.ROOT).startsWith("sips:")) {
      return Translation.refused(403, StanzaCondition.FORBIDDEN, "sips-uri");
    }
    Translation<String> fromUri = uriOf(request, "from");
    Translation<String> toUri = uriOf(request, "to");
    String target = requestUri.contains("@") ? requestUri : toUri.asOptional().orElse("");
    if (toUri.asOptional().map(u -> u.toLowerCase(Locale.ROOT).startsWith("sips:")).orElse(false)) {
      return Translation.refused(403, StanzaCondition.FORBIDDEN, "sips-uri");
    }
    return fromUri
        .flatMap(AddressMapping::toJid)
        .flatMap(
            from ->
                (target.isEmpty()
                        ? Translation.<Jid>refused(400, StanzaCondition.JID_MALFORMED, "no-to")
                        : AddressMapping.toJid(target))
                    .map(to -> new Pair(from, to)));
  }

  private static Translation<String> uriOf(SipMessage m, String header) {
    return m.header(header)
        .flatMap(NameAddr::parse)
        .map(a -> Translation.ok(a.uri()))
        .orElse(Translation.refused(400, StanzaCondition.BAD_REQUEST, "bad-" + header));
  }
}
