package io.fedgate.sip.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.core.stanza.Jid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PROTOCOL.md §2 / RFC 7247 §6 address mapping, both directions, and the refusals of §2.5. */
class AddressMappingTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          sip:alice@example.com                                  | alice@example.com
          SIP:Alice@Example.COM                                  | alice@example.com
          im:alice@example.com                                   | alice@example.com
          pres:alice@example.com                                 | alice@example.com
          sip:alice@example.com:5061;transport=tls               | alice@example.com
          sip:alice:secret@example.com                           | alice@example.com
          sip:alice@example.com;maddr=203.0.113.1?subject=hi     | alice@example.com
          sip:alice@example.com;opaque=user:epid:QkxBSA;gruu     | alice@example.com
          sip:alice@example.com;gr=urn:uuid:f81d4fae             | alice@example.com/urn:uuid:f81d4fae
          sip:o'hara@example.com                                 | o\\27hara@example.com
          sip:a&b@example.com                                    | a\\26b@example.com
          sip:a/b@example.com                                    | a\\2fb@example.com
          sip:a%20b@example.com                                  | a\\20b@example.com
          sip:a%22b%3Ac%3Cd%3Ee%40f@example.com                  | a\\22b\\3ac\\3cd\\3ee\\40f@example.com
          sip:%C3%A9mile@example.com                             | émile@example.com
          sip:a%5C40b@example.com                                | a\\5c40b@example.com
          sip:a%5Cqb@example.com                                 | a\\qb@example.com
          sip:a+b$c@example.com                                  | a+b$c@example.com
          """)
  void sipUriToJid(String uri, String jid) {
    assertThat(AddressMapping.toJid(uri).asOptional().map(Jid::toString)).contains(jid);
  }

  @ParameterizedTest(name = "{0} refused {1} {2} ({3})")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          sips:alice@example.com                    | 403 | FORBIDDEN        | sips-uri
          tel:+15551234567                          | 404 | ITEM_NOT_FOUND   | tel-uri
          sip:+15551234567@example.com;user=phone   | 404 | ITEM_NOT_FOUND   | telephone-number
          sip:example.com                           | 404 | JID_MALFORMED    | no-user-part
          sip:@example.com                          | 404 | JID_MALFORMED    | empty-user-part
          sip:alice@203.0.113.5                     | 403 | FORBIDDEN        | ip-literal-host
          sip:alice@[2001:db8::1]                   | 403 | FORBIDDEN        | ip-literal-host
          sip:a%0Ab@example.com                     | 400 | JID_MALFORMED    | forbidden-character
          sip:a%00b@example.com                     | 400 | JID_MALFORMED    | forbidden-character
          sip:a%C3b@example.com                     | 400 | JID_MALFORMED    | bad-escaping
          sip:a%zzb@example.com                     | 400 | JID_MALFORMED    | bad-escaping
          mailto:alice@example.com                  | 416 | ITEM_NOT_FOUND   | unsupported-uri-scheme
          alice@example.com                         | 400 | JID_MALFORMED    | not-a-uri
          sip:alice@exa_mple.com                    | 400 | JID_MALFORMED    | bad-host
          """)
  void unmappableUrisAreRefusedWithTheirReason(
      String uri, int status, StanzaCondition condition, String code) {
    assertThat(AddressMapping.toJid(uri)).isEqualTo(Translation.refused(status, condition, code));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          bob@local.test                     | sip:bob@local.test
          bob@local.test/laptop              | sip:bob@local.test;gr=laptop
          bob@local.test/my phone;2          | sip:bob@local.test;gr=my%20phone%3B2
          o\\27hara@local.test               | sip:o'hara@local.test
          a\\26b\\2fc@local.test             | sip:a&b/c@local.test
          a\\20b\\22c\\3ad\\3ce\\3ef\\40g@local.test | sip:a%20b%22c%3Ad%3Ce%3Ef%40g@local.test
          a\\5c26b@local.test                | sip:a%5C26b@local.test
          a#b%c^d@local.test                 | sip:a%23b%25c%5Ed@local.test
          émile@local.test                   | sip:%C3%A9mile@local.test
          bob@bücher.example                 | sip:bob@xn--bcher-kva.example
          local.test                         | sip:local.test
          """)
  void jidToSipUri(String jid, String uri) {
    assertThat(AddressMapping.toSipUri(Jid.parse(jid).orElseThrow()).asOptional()).contains(uri);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"o'hara", "a&b/c", "a b\"c:d<e>f@g", "émile", "x\\26y", "plain.user-1"})
  void userPartsSurviveARoundTrip(String user) {
    Jid jid =
        AddressMapping.toJid(
                "sip:"
                    + AddressMapping.percentEncode(user, "#%[\\]^`{|}\":<>@ ;?")
                    + "@example.com")
            .asOptional()
            .orElseThrow();
    String back = AddressMapping.toSipUri(jid).asOptional().orElseThrow();
    assertThat(AddressMapping.toJid(back).asOptional()).contains(jid);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"bob@127.0.0.1", "bob@[::1]"})
  void ipLiteralDomainsAreRefusedTowardSip(String jid) {
    assertThat(AddressMapping.toSipUri(Jid.parse(jid).orElseThrow()))
        .isEqualTo(Translation.refused(403, StanzaCondition.FORBIDDEN, "ip-literal-host"));
  }
}
