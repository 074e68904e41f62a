package io.fedgate.sip.translate;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.MediaType;
import io.fedgate.sip.message.NameAddr;
import io.fedgate.sip.message.SipHeader;
import io.fedgate.sip.message.SipMessage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Presence between SIP/SIMPLE and XMPP (RFC 8048; PROTOCOL.md §4, §6.5): SUBSCRIBE -> subscribe /
 * probe, NOTIFY/BENOTIFY bodies (PIDF + RPID + {@code jabber:client} show, Lync categories) ->
 * {@code <presence/>}, {@code <presence/>} -> NOTIFY with PIDF, subscription requests -> SUBSCRIBE.
 * Which NOTIFY becomes which stanza (pending -> nothing, first active -> subscribed) is {@link
 * io.fedgate.sip.session.SipSubscription}'s job.
 */
public final class PresenceTranslator {
  /** RFC 3856 §6.4 default subscription duration. */
  public static final int DEFAULT_EXPIRES = 3600;

  private PresenceTranslator() {}

  // ---- SIP -> XMPP ----

  /**
   * A SUBSCRIBE -> {@code <presence type='subscribe'/>} (Expires > 0) or {@code type='probe'}
   * (Expires: 0, a fetch). Refused: not {@code Event: presence} (489), a Lync batched category
   * subscription (420 with {@code Unsupported: adhoclist, categoryList}, PROTOCOL.md §6.5), an
   * Accept without PIDF (406), unmappable addresses.
   */
  public static Translation<XmlElement> subscribeToXmpp(SipMessage subscribe) {
    String event = subscribe.header("event").map(e -> e.split(";")[0].strip()).orElse("");
    if (!event.equalsIgnoreCase("presence")) {
      return new Translation.Refused<>(
          489,
          StanzaCondition.BAD_REQUEST,
          "bad-event",
          List.of(new SipHeader("Allow-Events", "presence")));
    }
    boolean batched =
        subscribe.hasToken("require", "adhoclist")
            || subscribe.hasToken("require", "categoryList")
            || subscribe.contentType().map(t -> t.contains("adrl-categorylist")).orElse(false);
    if (batched) {
      return new Translation.Refused<>(
          420,
          StanzaCondition.FEATURE_NOT_IMPLEMENTED,
          "batched-subscription",
          List.of(new SipHeader("Unsupported", "adhoclist, categoryList")));
    }
    List<String> accept = subscribe.headerValues("accept");
    boolean pidf =
        accept.isEmpty()
            || accept.stream()
                .anyMatch(a -> MediaType.parse(a).essence().equals(Pidf.CONTENT_TYPE));
    if (!pidf) {
      return new Translation.Refused<>(
          406,
          StanzaCondition.NOT_ACCEPTABLE,
          "no-pidf",
          List.of(new SipHeader("Accept", Pidf.CONTENT_TYPE)));
    }
    String type = expires(subscribe).orElse(DEFAULT_EXPIRES) == 0 ? "probe" : "subscribe";
    return SipAddresses.of(subscribe)
        .map(p -> Stanzas.stanza("presence", p.from().bare(), p.to().bare(), type));
  }

  /** The Expires header value, if present and numeric. */
  public static OptionalInt expires(SipMessage m) {
    return m.header("expires")
        .filter(v -> v.matches("\\d{1,9}"))
        .map(v -> OptionalInt.of(Integer.parseInt(v)))
        .orElse(OptionalInt.empty());
  }

  /**
   * A NOTIFY or BENOTIFY body -> availability {@code <presence/>} from the presentity (From) to the
   * watcher (To): PIDF/RPID, Lync categories, or either inside {@code multipart/related}. An empty
   * body or {@code Subscription-State: terminated} -> {@code type='unavailable'}.
   */
  public static Translation<XmlElement> notifyToXmpp(SipMessage notify) {
    Optional<Jid> from = addressOf(notify, "from");
    Optional<Jid> to = addressOf(notify, "to");
    if (from.isEmpty() || to.isEmpty()) {
      return Translation.refused(400, StanzaCondition.BAD_REQUEST, "bad-from-or-to");
    }
    boolean terminated =
        notify
            .header("subscription-state")
            .map(s -> SubscriptionState.parse(s).state() == SubscriptionState.State.TERMINATED)
            .orElse(false);
    Optional<String> lang = notify.header("content-language");
    if (terminated || notify.body().length == 0) {
      return Translation.ok(
          PresenceView.unavailable().withLang(lang).toStanza(from.get().bare(), to.get().bare()));
    }
    Optional<PresenceView> view =
        PresenceBodies.read(notify.header("content-type").orElse(""), notify.body());
    if (view.isEmpty()) {
      return new Translation.Refused<>(
          415,
          StanzaCondition.NOT_ACCEPTABLE,
          "unsupported-presence-document",
          List.of(new SipHeader("Accept", Pidf.CONTENT_TYPE + ", " + LyncCategories.CONTENT_TYPE)));
    }
    return Translation.ok(view.get().withLang(lang).toStanza(from.get().bare(), to.get().bare()));
  }

  private static Optional<Jid> addressOf(SipMessage m, String header) {
    return m.header(header)
        .flatMap(NameAddr::parse)
        .flatMap(a -> AddressMapping.toJid(a.uri()).asOptional());
  }

  // ---- XMPP -> SIP ----

  /**
   * {@code <presence/>} (no type or unavailable) -> NOTIFY with PIDF in the subscription's dialog
   * (RFC 8048 Table 1); other types are Ignored (they never become NOTIFYs).
   */
  public static Translation<SipMessage> toNotify(XmlElement presence, SubscriptionState state) {
    String type = presence.attribute("type").orElse("");
    if (!type.isEmpty() && !type.equals("unavailable")) {
      return Translation.ignored("presence type " + type + " is not a notification");
    }
    return notifyBase(presence, state)
        .map(
            n -> {
              Jid from = Stanzas.jid(presence, "from").orElseThrow();
              String entity =
                  AddressMapping.toSipUri(from.bare(), false).asOptional().orElseThrow();
              byte[] pidf = Pidf.write(view(presence), entity, from.resource(), from.local());
              Optional<String> lang = presence.attribute("xml:lang");
              SipMessage withLang =
                  lang.isPresent() ? n.addHeader("Content-Language", lang.get()) : n;
              return withLang.withBody(Pidf.CONTENT_TYPE, pidf);
            });
  }

  /**
   * {@code subscribed} -> empty NOTIFY {@code active}; {@code unsubscribed} -> empty NOTIFY {@code
   * terminated;reason=rejected} (PROTOCOL.md §4.2). Others are Ignored.
   */
  public static Translation<SipMessage> authorizationToNotify(XmlElement presence, long expires) {
    String type = presence.attribute("type").orElse("");
    return switch (type) {
      case "subscribed" -> notifyBase(presence, SubscriptionState.active(expires));
      case "unsubscribed" -> notifyBase(presence, SubscriptionState.terminated("rejected"));
      default -> Translation.ignored("not an authorization answer");
    };
  }

  private static Translation<SipMessage> notifyBase(XmlElement presence, SubscriptionState state) {
    return presenceRequest(presence, "NOTIFY")
        .map(m -> m.addHeader("Subscription-State", state.toString()));
  }

  /**
   * A {@code method} request for the presence event package from the sender's to the recipient's
   * bare address, or the refusal when either address is missing or unmappable.
   */
  private static Translation<SipMessage> presenceRequest(XmlElement presence, String method) {
    Optional<Jid> from = Stanzas.jid(presence, "from");
    Optional<Jid> to = Stanzas.jid(presence, "to");
    if (from.isEmpty() || to.isEmpty()) {
      return Translation.refused(400, StanzaCondition.JID_MALFORMED, "missing-address");
    }
    return AddressMapping.toSipUri(from.get().bare(), false)
        .flatMap(
            f ->
                AddressMapping.toSipUri(to.get().bare(), false)
                    .map(
                        t ->
                            SipMessage.request(method, t)
                                .addHeader("From", "<" + f + ">")
                                .addHeader("To", "<" + t + ">")
                                .addHeader("Event", "presence")));
  }

  /**
   * {@code subscribe} -> SUBSCRIBE {@code Expires: 3600}; {@code unsubscribe} (in the existing
   * dialog) and {@code probe} (in a new dialog) -> SUBSCRIBE {@code Expires: 0} (RFC 8048 §5-7).
   */
  public static Translation<SipMessage> toSubscribe(XmlElement presence) {
    String type = presence.attribute("type").orElse("");
    int expires;
    switch (type) {
      case "subscribe" -> expires = DEFAULT_EXPIRES;
      case "unsubscribe", "probe" -> expires = 0;
      default -> {
        return Translation.ignored("presence type '" + type + "' is not a subscription request");
      }
    }
    return presenceRequest(presence, "SUBSCRIBE")
        .map(
            m ->
                m.addHeader("Accept", Pidf.CONTENT_TYPE)
                    .addHeader("Expires", String.valueOf(expires)));
  }

  static PresenceView view(XmlElement presence) {
    boolean available = presence.attribute("type").isEmpty();
    Optional<String> show =
        Stanzas.childText(presence, "show")
            .map(s -> s.strip().toLowerCase(Locale.ROOT))
            .filter(s -> List.of("away", "chat", "dnd", "xa").contains(s));
    OptionalInt priority =
        Stanzas.childText(presence, "priority")
            .map(String::strip)
            .filter(p -> p.matches("-?\\d{1,3}"))
            .map(p -> OptionalInt.of(Integer.parseInt(p)))
            .orElse(OptionalInt.empty());
    return new PresenceView(
        available,
        show,
        Stanzas.childText(presence, "status"),
        priority,
        presence.attribute("xml:lang"));
  }
}
