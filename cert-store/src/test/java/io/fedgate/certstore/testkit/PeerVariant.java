package io.fedgate.certstore.testkit;

import static io.fedgate.certstore.pki.ExtendedKeyUsages.CLIENT_AUTH;
import static io.fedgate.certstore.pki.ExtendedKeyUsages.SERVER_AUTH;

import io.fedgate.certstore.testkit.LeafSpec.Issuer;
import io.fedgate.certstore.testkit.LeafSpec.Presents;
import io.fedgate.certstore.testkit.LeafSpec.Window;
import java.util.List;
import java.util.Optional;

/**
 * The peer certificates of the test PKI, good and deliberately broken, for the partner domain
 * {@value #PARTNER_DOMAIN}. Each carries its {@link LeafSpec}.
 */
public enum PeerVariant {
  /**
   * {@code sip.partner.example} + {@code partner.example} DNS SANs, both EKUs, sends leaf+inter.
   */
  GOOD(names("sip.partner.example", "sip.partner.example", "partner.example")),
  /** Only {@code *.partner.example} as DNS SAN. */
  WILDCARD(names("wild.partner.example", "*.partner.example")),
  /** No SAN; the CN is the domain. */
  CN_ONLY(names("partner.example")),
  /** The CN is the domain but a DNS SAN names something else (CN must be ignored). */
  CN_IGNORED(names("partner.example", "other.example")),
  /** A hosting provider's certificate with an SRV-ID for the domain. */
  SRV_ID(
      new Spec("xmpp1.hosting.example")
          .dns("xmpp1.hosting.example")
          .srv("_xmpp-server.partner.example")),
  /** A hosting provider's certificate with an XmppAddr for the domain. */
  XMPP_ADDR(new Spec("xmpp2.hosting.example").dns("xmpp2.hosting.example").xmpp("partner.example")),
  /** Trusted chain, but for another domain. */
  WRONG_SAN(names("other.example", "other.example")),
  /** An edge addressed by IP: DNS SAN plus the loopback IP SAN. */
  IP_PEER(new Spec("edge.partner.example").dns("edge.partner.example").ip("127.0.0.1")),
  EXPIRED(good().window(Window.EXPIRED)),
  NOT_YET_VALID(good().window(Window.NOT_YET_VALID)),
  /** Valid, expiring ten days after {@link TestPki#NOW}. */
  EXPIRING_SOON(good().window(Window.EXPIRING_SOON)),
  /** serverAuth only: refused as an inbound (client) peer. */
  NO_CLIENT_AUTH(good().ekus(SERVER_AUTH)),
  /** clientAuth only: refused as an outbound (server) peer. */
  NO_SERVER_AUTH(good().ekus(CLIENT_AUTH)),
  /** No EKU extension: any purpose (RFC 5280 §4.2.1.12). */
  NO_EKU(good().noEkus()),
  /** Self-signed, not in the trust store. */
  SELF_SIGNED(good().issuer(Issuer.SELF, Presents.LEAF_ONLY)),
  /** Issued under a root the trust store does not hold; the whole chain is sent. */
  UNKNOWN_ROOT(good().issuer(Issuer.UNKNOWN_INTERMEDIATE, Presents.FULL_CHAIN)),
  /** Issued by the known intermediate, but the peer sends only its leaf. */
  TRUNCATED_CHAIN(good().issuer(Issuer.KNOWN_INTERMEDIATE, Presents.LEAF_ONLY));

  public static final String PARTNER_DOMAIN = "partner.example";

  private final LeafSpec spec;

  PeerVariant(Spec spec) {
    this.spec = spec.build();
  }

  public LeafSpec spec() {
    return spec;
  }

  private static Spec names(String cn, String... dns) {
    return new Spec(cn).dns(dns);
  }

  private static Spec good() {
    return names("sip.partner.example", "sip.partner.example", "partner.example");
  }

  /** A mutable helper to write the specs above compactly. */
  private static final class Spec {
    private final String cn;
    private List<String> dns = List.of();
    private List<String> ip = List.of();
    private List<String> srv = List.of();
    private List<String> xmpp = List.of();
    private Optional<List<String>> ekus = Optional.of(List.of(SERVER_AUTH, CLIENT_AUTH));
    private Window window = Window.VALID;
    private Issuer issuer = Issuer.KNOWN_INTERMEDIATE;
    private Presents presents = Presents.WITHOUT_ROOT;

    Spec(String cn) {
      this.cn = cn;
    }

    Spec dns(String... names) {
      dns = List.of(names);
      return this;
    }

    Spec ip(String... names) {
      ip = List.of(names);
      return this;
    }

    Spec srv(String... names) {
      srv = List.of(names);
      return this;
    }

    Spec xmpp(String... names) {
      xmpp = List.of(names);
      return this;
    }

    Spec ekus(String... oids) {
      ekus = Optional.of(List.of(oids));
      return this;
    }

    Spec noEkus() {
      ekus = Optional.empty();
      return this;
    }

    Spec window(Window value) {
      window = value;
      return this;
    }

    Spec issuer(Issuer value, Presents sends) {
      issuer = value;
      presents = sends;
      return this;
    }

    LeafSpec build() {
      return new LeafSpec(cn, dns, ip, srv, xmpp, ekus, window, issuer, presents);
    }
  }
}
