package io.fedgate.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A jabber:client stanza on an S2S stream (RFC 6120 §4.8.3), with and without the copy. */
class S2sXmlTest {

  private static String copied(XmlElement stanza) {
    return S2sXml.renamespace(stanza, Namespaces.CLIENT, Namespaces.SERVER)
        .toXml(Namespaces.SERVER);
  }

  @Test
  void aUsualStanzaIsWrittenWithoutTheCopyAndTheSameBytes() {
    XmlElement message =
        new XmlElement(
                Namespaces.CLIENT,
                "message",
                Map.of("from", "alice@a.test/desk", "to", "bob@b.test", "type", "chat"),
                List.of())
            .withChild(XmlElement.of(Namespaces.CLIENT, "body").withChild("hi <there> & 'you'"))
            .withChild(
                XmlElement.of("http://jabber.org/protocol/chatstates", "active")
                    .withChild(XmlElement.of("urn:example:inner", "x")))
            .withChild(
                XmlElement.of(Namespaces.CLIENT, "error")
                    .withChild(XmlElement.of("urn:ietf:params:xml:ns:xmpp-stanzas", "gone")));

    String written = S2sXml.serverXml(message);

    assertThat(written).isEqualTo(copied(message));
    assertThat(written)
        .startsWith("<message ")
        .doesNotContain("jabber:client")
        .contains("<body>hi &lt;there&gt; &amp; &apos;you&apos;</body>")
        .contains("<active xmlns='http://jabber.org/protocol/chatstates'>");
  }

  @Test
  void jabberClientUnderAnotherNamespaceGoesThroughTheCopy() {
    // e.g. a forwarded message inside an extension: it must become jabber:server too
    XmlElement message =
        XmlElement.of(Namespaces.CLIENT, "message")
            .withChild(
                XmlElement.of("urn:xmpp:forward:0", "forwarded")
                    .withChild(
                        XmlElement.of(Namespaces.CLIENT, "message")
                            .withChild(XmlElement.of(Namespaces.CLIENT, "body").withChild("x"))));

    String written = S2sXml.serverXml(message);

    assertThat(written).isEqualTo(copied(message)).doesNotContain("jabber:client");
    assertThat(written).contains("<message xmlns='jabber:server'><body>x</body></message>");
  }

  @Test
  void aJabberServerStanzaGoesThroughTheCopy() {
    XmlElement presence = XmlElement.of(Namespaces.SERVER, "presence");

    assertThat(S2sXml.serverXml(presence)).isEqualTo(copied(presence)).isEqualTo("<presence/>");
  }
}
