package io.fedgate.sip.translate;

import static io.fedgate.sip.translate.StanzaCondition.*;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.HeaderValues;
import io.fedgate.sip.message.NameAddr;
import io.fedgate.sip.message.SipMessage;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 7247 §7 error mapping, one table per direction (PROTOCOL.md §3.1 and §3.2). Only 3xx-6xx
 * responses are errors; 1xx/2xx have no XMPP equivalent.
 */
public final class ErrorMapping {

  /** Whom a failed XMPP stanza was addressed to: decides the 4xx-or-6xx rows of §3.1. */
  public enum Addressee {
    /** A full JID: one endpoint, the 4xx variant. */
    FULL_JID,
    /** A bare JID of a user whose server is authoritative (ours): all endpoints, 6xx. */
    BARE_JID_AUTHORITATIVE,
    /** A bare JID whose server is not authoritative here: the 4xx variant. */
    BARE_JID
  }

  /** A SIP error response to send: status, Reason-Phrase and, for 301, the Contact. */
  public record SipError(int status, String reason, Optional<String> contact) {}

  /** RFC 7247 Table 2 for the rows with one answer. */
  private static final Map<StanzaCondition, Integer> TO_SIP = new EnumMap<>(StanzaCondition.class);

  static {
    TO_SIP.put(BAD_REQUEST, 400);
    TO_SIP.put(CONFLICT, 400);
    TO_SIP.put(INTERNAL_SERVER_ERROR, 500);
    TO_SIP.put(JID_MALFORMED, 400);
    TO_SIP.put(NOT_ALLOWED, 403);
    TO_SIP.put(NOT_AUTHORIZED, 401);
    TO_SIP.put(POLICY_VIOLATION, 403);
    TO_SIP.put(REDIRECT, 302);
    TO_SIP.put(REGISTRATION_REQUIRED, 407);
    // remote-server-not-found: 404 "domain does not exist" (408 would need to know it was a
    // reachability failure, which the XMPP condition does not say)
    TO_SIP.put(REMOTE_SERVER_NOT_FOUND, 404);
    TO_SIP.put(REMOTE_SERVER_TIMEOUT, 408);
    TO_SIP.put(RESOURCE_CONSTRAINT, 500);
    // NOT 503: the SIP peer would treat the whole server as down (RFC 7247 §7.1); project: 403
    TO_SIP.put(SERVICE_UNAVAILABLE, 403);
    TO_SIP.put(SUBSCRIPTION_REQUIRED, 400);
    TO_SIP.put(UNDEFINED_CONDITION, 400);
    // "491 (conflicting pending request) or 400": a translated request is never "pending" here
    TO_SIP.put(UNEXPECTED_REQUEST, 491);
  }

  private ErrorMapping() {}

  /** RFC 7247 §7.1 / Table 2: the SIP response for a stanza error. */
  public static SipError toSip(StanzaError error, Addressee addressee) {
    boolean allEndpoints = addressee == Addressee.BARE_JID_AUTHORITATIVE;
    int status;
    Optional<String> contact = Optional.empty();
    switch (error.condition()) {
      case FEATURE_NOT_IMPLEMENTED -> status = allEndpoints ? 501 : 405;
      case FORBIDDEN -> status = allEndpoints ? 603 : 403;
      case ITEM_NOT_FOUND -> status = allEndpoints ? 604 : 404;
      case NOT_ACCEPTABLE -> status = allEndpoints ? 606 : 406;
      case RECIPIENT_UNAVAILABLE -> status = allEndpoints ? 600 : 480;
      case GONE -> {
        contact = error.goneAddress().flatMap(ErrorMapping::sipContact);
        status = contact.isPresent() ? 301 : 410; // MUST
      }
      default -> status = TO_SIP.get(error.condition());
    }
    return new SipError(
        status,
        error.text().filter(ErrorMapping::safePhrase).orElse(ReasonPhrases.of(status)),
        contact);
  }

  private static Optional<String> sipContact(String xmppUri) {
    String address = xmppUri.startsWith("xmpp:") ? xmppUri.substring(5) : xmppUri;
    return Jid.parse(address).flatMap(j -> AddressMapping.toSipUri(j).asOptional());
  }

  /** A reason phrase must be one short line of printable text. */
  private static boolean safePhrase(String text) {
    return !text.isBlank() && text.length() <= 120 && text.chars().noneMatch(c -> c < 0x20);
  }

  /** RFC 7247 §7.2 / Table 3: the stanza error for a SIP status (3xx-6xx). */
  public static StanzaCondition conditionFor(int status) {
    return switch (status) {
      case 300, 302, 305 -> REDIRECT;
      case 301, 410 -> GONE;
      case 380, 406, 415, 416, 421, 482, 483, 488, 505, 606 -> NOT_ACCEPTABLE;
      case 400, 402, 493 -> BAD_REQUEST;
      case 401 -> NOT_AUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404, 481, 484, 485, 604 -> ITEM_NOT_FOUND;
      case 405, 420, 439, 501 -> FEATURE_NOT_IMPLEMENTED;
      case 407 -> REGISTRATION_REQUIRED;
      case 408, 504 -> REMOTE_SERVER_TIMEOUT;
      case 413, 414, 440, 489, 513 -> POLICY_VIOLATION;
      case 423 -> RESOURCE_CONSTRAINT;
      case 430, 480, 486, 487, 600, 603 -> RECIPIENT_UNAVAILABLE;
      case 491 -> UNEXPECTED_REQUEST;
      case 500, 503 -> INTERNAL_SERVER_ERROR; // 503: not service-unavailable
      case 502 -> REMOTE_SERVER_NOT_FOUND;
      default -> classDefault(status);
    };
  }

  private static StanzaCondition classDefault(int status) {
    return switch (status / 100) {
      case 3 -> REDIRECT;
      case 4 -> BAD_REQUEST;
      case 5 -> INTERNAL_SERVER_ERROR;
      default -> RECIPIENT_UNAVAILABLE;
    };
  }

  /**
   * The stanza error for a SIP error response: condition per Table 3, the default type, the {@code
   * ms-diagnostics} reason (or else the Reason-Phrase) as {@code <text/>}, and for 301 the Contact
   * as the new {@code xmpp:} address (410 carries none).
   */
  public static StanzaError toXmpp(SipMessage response) {
    StanzaCondition condition = conditionFor(response.status());
    Optional<String> gone = Optional.empty();
    if (response.status() == 301) {
      gone =
          response
              .header("contact")
              .flatMap(NameAddr::parse)
              .flatMap(a -> AddressMapping.toJid(a.uri()).asOptional())
              .map(j -> "xmpp:" + j.bare());
    }
    Optional<String> text =
        response
            .header("ms-diagnostics")
            .map(d -> HeaderValues.parameters(d.contains(";") ? d.substring(d.indexOf(';')) : ""))
            .map(p -> p.get("reason"))
            .or(() -> Optional.of(response.reason()))
            .filter(t -> !t.isBlank());
    return new StanzaError(condition, condition.defaultType(), text, gone);
  }

  /**
   * The error stanza returned to the sender of {@code original} (RFC 6120 §8.2): same element name
   * and id, {@code from}/{@code to} swapped, {@code type='error'}, the error child. The original
   * payload is not echoed.
   */
  public static XmlElement bounce(XmlElement original, StanzaError error) {
    Map<String, String> attrs = new java.util.LinkedHashMap<>();
    original.attribute("to").ifPresent(v -> attrs.put("from", v));
    original.attribute("from").ifPresent(v -> attrs.put("to", v));
    original.attribute("id").ifPresent(v -> attrs.put("id", v));
    attrs.put("type", "error");
    return new XmlElement(
        original.namespace(), original.name(), attrs, java.util.List.of(error.toElement()));
  }
}
