package io.fedgate.xmpp.c2s;

import static io.fedgate.xmpp.c2s.C2sDriver.stanza;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.sasl.AuthThrottle;
import io.fedgate.xmpp.sasl.InMemoryCredentialStore;
import io.fedgate.xmpp.sasl.ScramAlgorithm;
import io.fedgate.xmpp.sasl.ScramTestClient;
import io.fedgate.xmpp.stream.StreamLimits;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class C2sNegotiationTest {
  static final Pattern SASL_DATA = Pattern.compile("<(challenge|success)[^>]*>([^<]*)<");
  final InMemoryCredentialStore store = new InMemoryCredentialStore(new SecureRandom(), 4096);
  final AuthThrottle throttle =
      new AuthThrottle(
          Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
          2,
          Duration.ofMinutes(5),
          100);

  C2sNegotiationTest() {
    store.put("alice", "secret".toCharArray());
  }

  C2sDriver driver(C2sConfig config) {
    return new C2sDriver(config, store, throttle, false);
  }

  /** Up to SASL, over STARTTLS. */
  C2sDriver atSasl(C2sConfig config) {
    C2sDriver d = driver(config);
    d.open("local.test");
    assertThat(d.send(XmlElement.of(Namespaces.TLS, "starttls"))).contains("<proceed");
    assertThat(d.actions).anyMatch(a -> a instanceof C2sAction.StartTls);
    d.on(new C2sEvent.TlsEstablished());
    return d;
  }

  static byte[] saslData(String sent) {
    Matcher m = SASL_DATA.matcher(sent);
    assertThat(m.find()).as(sent).isTrue();
    return Base64.getDecoder().decode(m.group(2));
  }

  String scramLogin(C2sDriver d, String password) {
    ScramTestClient client =
        new ScramTestClient(ScramAlgorithm.SHA_256, "alice", password, "cn0nce");
    String challenge = d.sasl("auth", client.first(), "SCRAM-SHA-256");
    return d.sasl("response", client.finalMessage(saslData(challenge)), null);
  }

  @Test
  void wrongDomainIsHostUnknownAfterOurHeader() {
    C2sDriver d = driver(C2sConfig.defaults("local.test"));
    String sent = d.open("elsewhere.test");
    assertThat(sent).startsWith("<?xml").contains("<host-unknown").endsWith("</stream:stream>");
    assertThat(d.closed()).isTrue();
  }

  @Test
  void startTlsIsRequiredByDefault() {
    C2sDriver d = driver(C2sConfig.defaults("local.test"));
    assertThat(d.open("local.test"))
        .contains("<starttls")
        .contains("<required/>")
        .doesNotContain("mechanism");
    assertThat(d.sasl("auth", new byte[0], "PLAIN")).contains("<policy-violation");
    assertThat(d.closed()).isTrue();
  }

  @Test
  void stanzaBeforeAuthenticationIsNotAuthorized() {
    C2sDriver d = atSasl(C2sConfig.defaults("local.test"));
    d.open("local.test");
    assertThat(d.send(stanza("message", Map.of("to", "bob@local.test"))))
        .contains("<not-authorized");
    assertThat(d.closed()).isTrue();
  }

  @Test
  void plainOnlyOverTlsAndOnlyWhenEnabled() {
    C2sConfig plain = new C2sConfig("local.test", false, true, StreamLimits.DEFAULTS);
    C2sDriver clear = driver(plain);
    assertThat(clear.open("local.test")).contains("SCRAM-SHA-256").doesNotContain("PLAIN");
    assertThat(clear.sasl("auth", "\0alice\0secret".getBytes(StandardCharsets.UTF_8), "PLAIN"))
        .contains("<encryption-required/>");
    C2sDriver tls = atSasl(plain);
    assertThat(tls.open("local.test")).contains("<mechanism>PLAIN</mechanism>");
    assertThat(tls.sasl("auth", "\0alice\0secret".getBytes(StandardCharsets.UTF_8), "PLAIN"))
        .contains("<success");
    C2sDriver disabled = atSasl(C2sConfig.defaults("local.test"));
    assertThat(disabled.open("local.test")).doesNotContain("PLAIN");
    assertThat(disabled.sasl("auth", "\0alice\0secret".getBytes(StandardCharsets.UTF_8), "PLAIN"))
        .contains("<invalid-mechanism/>");
  }

  @Test
  void plainAuthzidMayNameOnlyTheUserItself() {
    C2sConfig plain = new C2sConfig("local.test", false, true, StreamLimits.DEFAULTS);
    C2sDriver other = atSasl(plain);
    other.open("local.test");
    byte[] asBob = "bob@local.test\0alice\0secret".getBytes(StandardCharsets.UTF_8);
    assertThat(other.sasl("auth", asBob, "PLAIN")).contains("<invalid-authzid/>");
    C2sDriver self = atSasl(plain);
    self.open("local.test");
    byte[] asAlice = "alice@local.test\0alice\0secret".getBytes(StandardCharsets.UTF_8);
    assertThat(self.sasl("auth", asAlice, "PLAIN")).contains("<success");
  }

  @Test
  void scramSha256LoginBindAndStanzas() {
    C2sDriver d = atSasl(C2sConfig.defaults("local.test"));
    assertThat(d.open("local.test")).contains("<mechanism>SCRAM-SHA-256</mechanism>");
    assertThat(scramLogin(d, "secret")).contains("<success");
    assertThat(d.actions).anyMatch(a -> a instanceof C2sAction.RestartStream);
    assertThat(d.open("local.test"))
        .contains("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>")
        .contains("<ver xmlns='urn:xmpp:features:rosterver'/>");
    XmlElement bind = XmlElement.of(Namespaces.BIND, "bind");
    String bound = d.send(stanza("iq", Map.of("type", "set", "id", "b1"), bind));
    assertThat(bound).contains("<jid>alice@local.test/fedgate-").contains("id='b1'");
    assertThat(d.state).isInstanceOf(C2sState.Established.class);

    d.actions.clear();
    d.send(stanza("message", Map.of("to", "bob@local.test", "from", "alice@local.test")));
    var route = (C2sAction.Route) d.actions.get(0);
    assertThat(route.stanza().attribute("from").orElseThrow())
        .startsWith("alice@local.test/fedgate-");

    XmlElement ping = XmlElement.of(Namespaces.PING, "ping");
    assertThat(d.send(stanza("iq", Map.of("type", "get", "id", "p1", "to", "local.test"), ping)))
        .contains("type='result'")
        .contains("id='p1'");
    XmlElement disco = XmlElement.of(Namespaces.DISCO_INFO, "query");
    assertThat(d.send(stanza("iq", Map.of("type", "get", "id", "d1"), disco)))
        .contains("category='server'")
        .contains("var='urn:xmpp:ping'");
  }

  @Test
  void aRosterIqWithoutToIsRoutedForTheAccount() {
    C2sDriver d = loggedIn();
    d.actions.clear();
    XmlElement query = XmlElement.of(Namespaces.ROSTER, "query");
    assertThat(d.send(stanza("iq", Map.of("type", "get", "id", "r1"), query))).isEmpty();
    var route = (C2sAction.Route) d.actions.get(0);
    assertThat(route.stanza().attribute("id")).hasValue("r1");
  }

  @Test
  void aMalformedToIsAnsweredWithJidMalformedAndRoutedNowhere() {
    C2sDriver d = loggedIn();
    for (String name : List.of("message", "presence", "iq")) {
      d.actions.clear();
      Map<String, String> attributes =
          name.equals("iq")
              ? Map.of("to", "bob@@local.test", "id", "m1", "type", "get")
              : Map.of("to", "bob@@local.test", "id", "m1");
      String reply = d.send(stanza(name, attributes, XmlElement.of(Namespaces.PING, "ping")));
      assertThat(reply)
          .startsWith("<" + name)
          .contains("type='error'")
          .contains("from='local.test'")
          .contains("id='m1'")
          .contains("<jid-malformed");
      assertThat(d.actions).noneMatch(C2sAction.Route.class::isInstance);
      assertThat(d.closed()).isFalse();
    }
    d.actions.clear();
    assertThat(d.send(stanza("message", Map.of("to", "@local.test", "type", "error")))).isEmpty();
    assertThat(d.actions).noneMatch(C2sAction.Route.class::isInstance);
  }

  @Test
  void spoofedFromIsInvalidFrom() {
    C2sDriver d = loggedIn();
    assertThat(
            d.send(stanza("message", Map.of("to", "bob@local.test", "from", "bob@local.test/x"))))
        .contains("<invalid-from");
    assertThat(d.closed()).isTrue();
  }

  @Test
  void wrongPasswordIsNotAuthorizedThenThrottled() {
    C2sDriver d = atSasl(C2sConfig.defaults("local.test"));
    d.open("local.test");
    assertThat(scramLogin(d, "wrong")).contains("<not-authorized/>");
    assertThat(d.state).isInstanceOf(C2sState.AwaitAuth.class);
    assertThat(scramLogin(d, "wrong")).contains("<not-authorized/>");
    String third =
        d.sasl(
            "auth",
            new ScramTestClient(ScramAlgorithm.SHA_256, "alice", "secret", "x").first(),
            "SCRAM-SHA-256");
    assertThat(third).contains("<temporary-auth-failure/>");
    assertThat(third).contains("<not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
    assertThat(d.closed()).isTrue();
  }

  @Test
  void threeFailedAttemptsOnOneStreamEndIt() {
    C2sDriver d = atSasl(C2sConfig.defaults("local.test"));
    d.open("local.test");
    assertThat(d.sasl("auth", new byte[0], "DIGEST-MD5")).contains("<invalid-mechanism/>");
    assertThat(d.sasl("auth", new byte[0], "X")).contains("<invalid-mechanism/>");
    assertThat(d.closed()).isFalse();
    String last = scramLogin(d, "secret");
    assertThat(d.state).isInstanceOf(C2sState.AwaitHeader.class);
    assertThat(last).contains("<success");
  }

  @Test
  void idleTimeoutIsConnectionTimeout() {
    C2sDriver d = loggedIn();
    assertThat(d.on(new C2sEvent.Idle(true)))
        .startsWith("<iq type='get' id='ping-")
        .contains("to='alice@local.test/desk'")
        .contains("<ping xmlns='urn:xmpp:ping'/>");
    assertThat(d.closed()).isFalse();
    assertThat(d.on(new C2sEvent.Idle(false))).contains("<connection-timeout");
    assertThat(d.closed()).isTrue();
  }

  @Test
  void idleBeforeLoginIsNotPingedButTimesOut() {
    C2sDriver d = driver(C2sConfig.defaults("local.test"));
    d.open("local.test");
    assertThat(d.on(new C2sEvent.Idle(true))).isEmpty();
    assertThat(d.on(new C2sEvent.Idle(false))).contains("<connection-timeout");
    assertThat(d.closed()).isTrue();
  }

  @Test
  void clientCloseIsAnsweredAndClosed() {
    C2sDriver d = loggedIn();
    assertThat(d.on(new C2sEvent.Received(new io.fedgate.xmpp.stream.StreamEvent.Closed())))
        .isEqualTo("</stream:stream>");
    assertThat(d.closed()).isTrue();
  }

  @Test
  void streamManagementIsOfferedAndDrivenAfterBinding() {
    C2sDriver d = atSasl(C2sConfig.defaults("local.test"));
    d.open("local.test");
    scramLogin(d, "secret");
    assertThat(d.open("local.test")).contains("<sm xmlns='urn:xmpp:sm:3'/>");
    XmlElement enableEarly = XmlElement.of(StreamManagement.NAMESPACE, "enable");
    assertThat(d.send(enableEarly)).contains("<unexpected-request");
    assertThat(d.state).isInstanceOf(C2sState.AwaitBind.class);

    C2sDriver bound = loggedIn();
    bound.actions.clear();
    XmlElement enable =
        new XmlElement(StreamManagement.NAMESPACE, "enable", Map.of("resume", "true"), List.of());
    bound.send(enable);
    assertThat(bound.actions).containsExactly(new C2sAction.EnableStreamManagement(true));
    bound.actions.clear();
    bound.send(stanza("message", Map.of("to", "bob@local.test")));
    assertThat(bound.actions.get(bound.actions.size() - 1)).isEqualTo(new C2sAction.Handled());
    bound.actions.clear();
    bound.send(XmlElement.of(StreamManagement.NAMESPACE, "r"));
    bound.send(
        new XmlElement(StreamManagement.NAMESPACE, "a", Map.of("h", "4294967295"), List.of()));
    assertThat(bound.actions)
        .containsExactly(new C2sAction.AckRequested(), new C2sAction.Acknowledged(4294967295L));
    assertThat(
            bound.send(
                new XmlElement(StreamManagement.NAMESPACE, "a", Map.of("h", "-1"), List.of())))
        .contains("<bad-format");
    assertThat(bound.closed()).isTrue();
  }

  @Test
  void resumeTakesThePlaceOfBindingAndFallsBackToIt() {
    C2sDriver d = atSasl(C2sConfig.defaults("local.test"));
    d.open("local.test");
    scramLogin(d, "secret");
    d.open("local.test");
    XmlElement resume =
        new XmlElement(
            StreamManagement.NAMESPACE, "resume", Map.of("previd", "abc", "h", "3"), List.of());
    d.send(resume);
    assertThat(d.actions).contains(new C2sAction.Resume("alice", "abc", 3));
    assertThat(d.on(new C2sEvent.Resumed(java.util.Optional.empty()))).contains("<item-not-found");
    assertThat(d.state).isEqualTo(new C2sState.AwaitBind("alice"));

    d.send(resume);
    var jid = new io.fedgate.core.stanza.Jid("alice", "local.test", "desk");
    d.on(new C2sEvent.Resumed(java.util.Optional.of(jid)));
    assertThat(d.state).isEqualTo(new C2sState.Established(jid));
  }

  @Test
  void carbonsAreSwitchedByAnIqToTheServer() {
    C2sDriver d = loggedIn();
    d.actions.clear();
    XmlElement enable = XmlElement.of(Carbons.NAMESPACE, "enable");
    assertThat(d.send(stanza("iq", Map.of("type", "set", "id", "c1"), enable)))
        .contains("type='result'")
        .contains("id='c1'");
    assertThat(d.actions).contains(new C2sAction.Carbons(true));
    XmlElement disable = XmlElement.of(Carbons.NAMESPACE, "disable");
    d.send(stanza("iq", Map.of("type", "set", "id", "c2", "to", "local.test"), disable));
    assertThat(d.actions).contains(new C2sAction.Carbons(false));
    XmlElement disco = XmlElement.of(Namespaces.DISCO_INFO, "query");
    assertThat(d.send(stanza("iq", Map.of("type", "get", "id", "d1"), disco)))
        .contains("var='urn:xmpp:carbons:2'");
  }

  C2sDriver loggedIn() {
    C2sDriver d = atSasl(C2sConfig.defaults("local.test"));
    d.open("local.test");
    scramLogin(d, "secret");
    d.open("local.test");
    XmlElement resource = new XmlElement(Namespaces.BIND, "resource", Map.of(), List.of("desk"));
    XmlElement bind = new XmlElement(Namespaces.BIND, "bind", Map.of(), List.of(resource));
    d.send(stanza("iq", Map.of("type", "set", "id", "b1"), bind));
    assertThat(d.state)
        .isEqualTo(
            new C2sState.Established(
                new io.fedgate.core.stanza.Jid("alice", "local.test", "desk")));
    return d;
  }
}
