package io.fedgate.certstore.pki;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The identifiers a certificate presents (RFC 6125 §1.8 "presented identifier"): subject CNs and
 * the subjectAltName entries fedgate understands.
 *
 * @param commonNames subject CN values (CN-ID, RFC 6125 §6.4.4)
 * @param dnsNames dNSName entries (DNS-ID)
 * @param ipAddresses iPAddress entries, in {@link InetAddress#getHostAddress()} form
 * @param srvNames id-on-dnsSRV otherName entries (SRV-ID, RFC 4985), e.g. {@code
 *     _xmpp-server.example.com}
 * @param xmppAddrs id-on-xmppAddr otherName entries (RFC 6120 §13.7.1.4)
 */
public record PresentedIdentifiers(
    List<String> commonNames,
    List<String> dnsNames,
    List<String> ipAddresses,
    List<String> srvNames,
    List<String> xmppAddrs) {

  /** id-on-xmppAddr, RFC 6120 §13.7.1.4. */
  public static final ASN1ObjectIdentifier XMPP_ADDR =
      new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.5");

  /** id-on-dnsSRV, RFC 4985 §2. */
  public static final ASN1ObjectIdentifier DNS_SRV = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.7");

  public PresentedIdentifiers {
    commonNames = List.copyOf(commonNames);
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
    srvNames = List.copyOf(srvNames);
    xmppAddrs = List.copyOf(xmppAddrs);
  }

  /** True when the certificate has a DNS-ID, SRV-ID or XmppAddr (then CN-IDs are not used). */
  public boolean hasNameSans() {
    return !dnsNames.isEmpty() || !srvNames.isEmpty() || !xmppAddrs.isEmpty();
  }

  /** Reads the identifiers of a certificate; a damaged SAN extension yields no SAN entries. */
  public static PresentedIdentifiers of(X509Certificate certificate) {
    List<String> dns = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    List<String> srv = new ArrayList<>();
    List<String> xmpp = new ArrayList<>();
    for (GeneralName name : subjectAltNames(certificate)) {
      switch (name.getTagNo()) {
        case GeneralName.dNSName -> dns.add(ASN1String.class.cast(name.getName()).getString());
        case GeneralName.iPAddress -> ipAddress(name).ifPresent(ips::add);
        case GeneralName.otherName ->
            addOtherName(OtherName.getInstance(name.getName()), srv, xmpp);
        default -> {
          // URIs, e-mail addresses and directory names are not federation identifiers
        }
      }
    }
    return new PresentedIdentifiers(commonNames(certificate), dns, ips, srv, xmpp);
  }

  private static List<GeneralName> subjectAltNames(X509Certificate certificate) {
    byte[] value = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
    if (value == null) {
      return List.of();
    }
    try {
      return List.of(
          GeneralNames.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getNames());
    } catch (IOException | IllegalArgumentException e) {
      return List.of();
    }
  }

  private static java.util.Optional<String> ipAddress(GeneralName name) {
    try {
      byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
      return java.util.Optional.of(InetAddress.getByAddress(octets).getHostAddress());
    } catch (UnknownHostException e) {
      return java.util.Optional.empty();
    }
  }

  private static void addOtherName(OtherName otherName, List<String> srv, List<String> xmpp) {
    ASN1Encodable value = otherName.getValue();
    if (value instanceof ASN1TaggedObject tagged) {
      value = tagged.getBaseObject();
    }
    if (!(value instanceof ASN1String text)) {
      return;
    }
    if (XMPP_ADDR.equals(otherName.getTypeID())) {
      xmpp.add(text.getString());
    } else if (DNS_SRV.equals(otherName.getTypeID())) {
      srv.add(text.getString());
    }
  }

  private static List<String> commonNames(X509Certificate certificate) {
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    List<String> names = new ArrayList<>();
    for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
      names.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
    }
    return names;
  }
}
