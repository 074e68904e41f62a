package io.fedgate.sip.translate;

import java.util.Optional;

/**
 * The RFC 6120 §8.3.3 stanza error conditions with the error {@code type} this project emits for
 * each (PROTOCOL.md §3.1 column 1, the RFC's usual type).
 */
public enum StanzaCondition {
  BAD_REQUEST("bad-request", "modify"),
  CONFLICT("conflict", "cancel"),
  FEATURE_NOT_IMPLEMENTED("feature-not-implemented", "cancel"),
  FORBIDDEN("forbidden", "auth"),
  GONE("gone", "cancel"),
  INTERNAL_SERVER_ERROR("internal-server-error", "cancel"),
  ITEM_NOT_FOUND("item-not-found", "cancel"),
  JID_MALFORMED("jid-malformed", "modify"),
  NOT_ACCEPTABLE("not-acceptable", "modify"),
  NOT_ALLOWED("not-allowed", "cancel"),
  NOT_AUTHORIZED("not-authorized", "auth"),
  POLICY_VIOLATION("policy-violation", "modify"),
  RECIPIENT_UNAVAILABLE("recipient-unavailable", "wait"),
  REDIRECT("redirect", "modify"),
  REGISTRATION_REQUIRED("registration-required", "auth"),
  REMOTE_SERVER_NOT_FOUND("remote-server-not-found", "cancel"),
  REMOTE_SERVER_TIMEOUT("remote-server-timeout", "wait"),
  RESOURCE_CONSTRAINT("resource-constraint", "wait"),
  SERVICE_UNAVAILABLE("service-unavailable", "cancel"),
  SUBSCRIPTION_REQUIRED("subscription-required", "auth"),
  UNDEFINED_CONDITION("undefined-condition", "cancel"),
  UNEXPECTED_REQUEST("unexpected-request", "wait");

  private final String elementName;
  private final String defaultType;

  StanzaCondition(String elementName, String defaultType) {
    this.elementName = elementName;
    this.defaultType = defaultType;
  }

  /** The element name in {@code urn:ietf:params:xml:ns:xmpp-stanzas}. */
  public String elementName() {
    return elementName;
  }

  /** The error {@code type} attribute to emit. */
  public String defaultType() {
    return defaultType;
  }

  public static Optional<StanzaCondition> fromElementName(String name) {
    for (StanzaCondition c : values()) {
      if (c.elementName.equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
