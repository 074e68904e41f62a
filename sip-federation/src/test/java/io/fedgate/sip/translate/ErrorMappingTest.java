package io.fedgate.sip.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.SipMessage;
import io.fedgate.sip.translate.ErrorMapping.Addressee;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PROTOCOL.md §3 / RFC 7247 §7: both tables, every row. */
class ErrorMappingTest {

  @ParameterizedTest(name = "{0} -> {1} (full) / {2} (bare, authoritative)")
  @CsvSource({
    "BAD_REQUEST, 400, 400",
    "CONFLICT, 400, 400",
    "FEATURE_NOT_IMPLEMENTED, 405, 501",
    "FORBIDDEN, 403, 603",
    "GONE, 410, 410",
    "INTERNAL_SERVER_ERROR, 500, 500",
    "ITEM_NOT_FOUND, 404, 604",
    "JID_MALFORMED, 400, 400",
    "NOT_ACCEPTABLE, 406, 606",
    "NOT_ALLOWED, 403, 403",
    "NOT_AUTHORIZED, 401, 401",
    "POLICY_VIOLATION, 403, 403",
    "RECIPIENT_UNAVAILABLE, 480, 600",
    "REDIRECT, 302, 302",
    "REGISTRATION_REQUIRED, 407, 407",
    "REMOTE_SERVER_NOT_FOUND, 404, 404",
    "REMOTE_SERVER_TIMEOUT, 408, 408",
    "RESOURCE_CONSTRAINT, 500, 500",
    "SERVICE_UNAVAILABLE, 403, 403",
    "SUBSCRIPTION_REQUIRED, 400, 400",
    "UNDEFINED_CONDITION, 400, 400",
    "UNEXPECTED_REQUEST, 491, 491"
  })
  void xmppConditionToSipStatus(StanzaCondition condition, int full, int bare) {
    assertThat(ErrorMapping.toSip(StanzaError.of(condition), Addressee.FULL_JID).status())
        .isEqualTo(full);
    assertThat(
            ErrorMapping.toSip(StanzaError.of(condition), Addressee.BARE_JID_AUTHORITATIVE)
                .status())
        .isEqualTo(bare);
    // a bare JID of a server that is not authoritative gets the single-endpoint variant
    assertThat(ErrorMapping.toSip(StanzaError.of(condition), Addressee.BARE_JID).status())
        .isEqualTo(full);
  }

  @Test
  void everyConditionHasARowAndNoneMapsTo503() {
    for (StanzaCondition c : EnumSet.allOf(StanzaCondition.class)) {
      int status = ErrorMapping.toSip(StanzaError.of(c), Addressee.FULL_JID).status();
      assertThat(status).as(c.name()).isBetween(300, 699).isNotEqualTo(503);
    }
  }

  @Test
  void goneWithANewAddressIs301WithContactAndWithoutIs410() {
    StanzaError moved =
        new StanzaError(
            StanzaCondition.GONE, "cancel", Optional.empty(), Optional.of("xmpp:bob@new.test"));
    ErrorMapping.SipError error = ErrorMapping.toSip(moved, Addressee.FULL_JID);
    assertThat(error.status()).isEqualTo(301);
    assertThat(error.contact()).contains("sip:bob@new.test");
  }

  @Test
  void theXmppTextBecomesTheReasonPhraseWhenItIsOneSafeLine() {
    assertThat(
            ErrorMapping.toSip(
                    StanzaError.of(StanzaCondition.ITEM_NOT_FOUND).withText("No such user"),
                    Addressee.FULL_JID)
                .reason())
        .isEqualTo("No such user");
    assertThat(
            ErrorMapping.toSip(
                    StanzaError.of(StanzaCondition.ITEM_NOT_FOUND).withText("a\r\nVia: x"),
                    Addressee.FULL_JID)
                .reason())
        .isEqualTo("Not Found");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "300, redirect",
    "301, gone",
    "302, redirect",
    "305, redirect",
    "380, not-acceptable",
    "400, bad-request",
    "401, not-authorized",
    "402, bad-request",
    "403, forbidden",
    "404, item-not-found",
    "405, feature-not-implemented",
    "406, not-acceptable",
    "407, registration-required",
    "408, remote-server-timeout",
    "410, gone",
    "413, policy-violation",
    "414, policy-violation",
    "415, not-acceptable",
    "416, not-acceptable",
    "420, feature-not-implemented",
    "421, not-acceptable",
    "423, resource-constraint",
    "430, recipient-unavailable",
    "439, feature-not-implemented",
    "440, policy-violation",
    "480, recipient-unavailable",
    "481, item-not-found",
    "482, not-acceptable",
    "483, not-acceptable",
    "484, item-not-found",
    "485, item-not-found",
    "486, recipient-unavailable",
    "487, recipient-unavailable",
    "488, not-acceptable",
    "489, policy-violation",
    "491, unexpected-request",
    "493, bad-request",
    "500, internal-server-error",
    "501, feature-not-implemented",
    "502, remote-server-not-found",
    "503, internal-server-error",
    "504, remote-server-timeout",
    "505, not-acceptable",
    "513, policy-violation",
    "600, recipient-unavailable",
    "603, recipient-unavailable",
    "604, item-not-found",
    "606, not-acceptable",
    // class defaults for unlisted codes
    "399, redirect",
    "499, bad-request",
    "580, internal-server-error",
    "699, recipient-unavailable"
  })
  void sipStatusToXmppCondition(int status, String condition) {
    assertThat(ErrorMapping.conditionFor(status).elementName()).isEqualTo(condition);
  }

  @Test
  void aLyncErrorCarriesTheDiagnosticReasonAsText() {
    SipMessage response =
        SipMessage.response(504, "Server Time-out")
            .addHeader(
                "ms-diagnostics",
                "1047;reason=\"Failed to complete TLS negotiation with a federated peer server\";"
                    + "source=\"sip.example.com\"");
    StanzaError error = ErrorMapping.toXmpp(response);
    assertThat(error.condition()).isEqualTo(StanzaCondition.REMOTE_SERVER_TIMEOUT);
    assertThat(error.type()).isEqualTo("wait");
    assertThat(error.text())
        .contains("Failed to complete TLS negotiation with a federated peer server");
  }

  @Test
  void a301CarriesTheContactAsTheNewAddressAnd410None() {
    StanzaError moved =
        ErrorMapping.toXmpp(
            SipMessage.response(301, "Moved Permanently")
                .addHeader("Contact", "<sip:alice@new.example.com>"));
    assertThat(moved.goneAddress()).contains("xmpp:alice@new.example.com");
    StanzaError gone =
        ErrorMapping.toXmpp(
            SipMessage.response(410, "Gone").addHeader("Contact", "<sip:alice@x.example.com>"));
    assertThat(gone.goneAddress()).isEmpty();
  }

  @Test
  void aBounceSwapsTheAddressesAndKeepsTheId() {
    XmlElement original =
        new XmlElement(
            Namespaces.CLIENT,
            "message",
            Map.of("from", "bob@local.test/laptop", "to", "alice@example.com", "id", "m1"),
            List.of(new XmlElement(Namespaces.CLIENT, "body", Map.of(), List.of("hi"))));
    XmlElement bounced =
        ErrorMapping.bounce(original, ErrorMapping.toXmpp(SipMessage.response(404, "Not Found")));
    assertThat(bounced.toXml())
        .isEqualTo(
            "<message xmlns='jabber:client' from='alice@example.com' to='bob@local.test/laptop'"
                + " id='m1' type='error'><error type='cancel'><item-not-found"
                + " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text"
                + " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Not Found</text></error></message>");
  }
}
