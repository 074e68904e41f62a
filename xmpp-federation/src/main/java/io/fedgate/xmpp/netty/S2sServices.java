package io.fedgate.xmpp.netty;

import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.trust.TrustedCertificates;
import io.fedgate.core.route.InboundStanzas;
import io.fedgate.xmpp.dns.S2sResolver;
import io.fedgate.xmpp.s2s.Admission;
import io.fedgate.xmpp.s2s.PartnerSettings;
import io.fedgate.xmpp.s2s.S2sSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What {@link S2sService} needs from the composition root. Suppliers are read for every new stream
 * (and must answer from memory): a settings change applies to the next connection.
 *
 * @param settings the XMPP federation settings
 * @param partners the partner whose primary or additional domain is the given (lower-case) domain
 * @param localDomains the domains this node serves (stream 'to' inbound, stanza 'from' outbound)
 * @param identity the {@code cup-xmpp} identity presented on both directions (server certificate
 *     inbound, client certificate outbound; it needs both EKUs); re-read when the object changes
 * @param trust {@code cup-xmpp-trust}: peers are validated by cert-store's {@code PeerTrust}
 *     (chain, validity, EKU, RFC 6125 name against the domain the peer claims, with SRV-ID and
 *     XmppAddr)
 * @param admission the incoming ACL, the federation policy and the open-federation guard
 * @param inbound where verified inbound stanzas go, in {@code jabber:client} form
 * @param resolver DNS (SRV, A/AAAA, overrides)
 * @param clock time of certificate validation, connection records and failures
 * @param random stream ids (XEP-0220 needs them unpredictable) and back-off jitter
 */
public record S2sServices(
    Supplier<S2sSettings> settings,
    Function<String, Optional<PartnerSettings>> partners,
    Supplier<Set<String>> localDomains,
    Supplier<Identity> identity,
    Supplier<TrustedCertificates> trust,
    Admission admission,
    InboundStanzas inbound,
    S2sResolver resolver,
    Clock clock,
    SecureRandom random) {

  public S2sServices {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(partners, "partners");
    Objects.requireNonNull(localDomains, "localDomains");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(admission, "admission");
    Objects.requireNonNull(inbound, "inbound");
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
  }
}
