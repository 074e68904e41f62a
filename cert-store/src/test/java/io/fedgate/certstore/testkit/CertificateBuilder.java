package io.fedgate.certstore.testkit;

import io.fedgate.certstore.pki.ExtendedKeyUsages;
import io.fedgate.certstore.pki.KeyType;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Fluent Bouncy Castle builder for test certificates: CAs, intermediates and leaves with DNS, IP,
 * SRV-ID and XmppAddr SANs, chosen EKUs and validity, including deliberately broken ones.
 *
 * <pre>{@code
 * IssuedIdentity root = CertificateBuilder.ca("Test Root").selfSigned();
 * IssuedIdentity leaf = CertificateBuilder.leaf("sip.partner.example")
 *     .dns("sip.partner.example").serverAuthOnly().signedBy(root);
 * }</pre>
 *
 * Defaults: RSA 2048; leaves valid from {@link TestPki#NOW} - 30 days to + 365 days with both
 * serverAuth and clientAuth; CAs valid ten years either side of {@link TestPki#NOW} with no EKU.
 */
public final class CertificateBuilder {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong SERIALS = new AtomicLong(1000);

  private final String commonName;
  private final boolean ca;
  private final List<GeneralName> altNames = new ArrayList<>();
  private Optional<List<String>> extendedKeyUsages;
  private Instant notBefore;
  private Instant notAfter;
  private KeyType keyType = KeyType.RSA_2048;
  private KeyPair keyPair;

  private CertificateBuilder(String commonName, boolean ca) {
    this.commonName = commonName;
    this.ca = ca;
    Duration span = ca ? Duration.ofDays(3650) : Duration.ofDays(30);
    this.notBefore = TestPki.NOW.minus(span);
    this.notAfter = TestPki.NOW.plus(ca ? span : Duration.ofDays(365));
    this.extendedKeyUsages =
        ca
            ? Optional.empty()
            : Optional.of(List.of(ExtendedKeyUsages.SERVER_AUTH, ExtendedKeyUsages.CLIENT_AUTH));
  }

  /** An end-entity certificate with the given subject CN (null for an empty subject CN). */
  public static CertificateBuilder leaf(String commonName) {
    return new CertificateBuilder(commonName, false);
  }

  /** A CA certificate (basicConstraints CA, keyCertSign). */
  public static CertificateBuilder ca(String commonName) {
    return new CertificateBuilder(commonName, true);
  }

  public CertificateBuilder dns(String... names) {
    for (String name : names) {
      altNames.add(new GeneralName(GeneralName.dNSName, name));
    }
    return this;
  }

  public CertificateBuilder ip(String... addresses) {
    for (String address : addresses) {
      altNames.add(new GeneralName(GeneralName.iPAddress, address));
    }
    return this;
  }

  /** SRV-ID (RFC 4985), e.g. {@code _xmpp-server.partner.example}. */
  public CertificateBuilder srvId(String... names) {
    for (String name : names) {
      altNames.add(otherName("1.3.6.1.5.5.7.8.7", new DERIA5String(name)));
    }
    return this;
  }

  /** XmppAddr (RFC 6120 §13.7.1.4), e.g. {@code partner.example}. */
  public CertificateBuilder xmppAddr(String... addresses) {
    for (String address : addresses) {
      altNames.add(otherName("1.3.6.1.5.5.7.8.5", new DERUTF8String(address)));
    }
    return this;
  }

  public CertificateBuilder extendedKeyUsages(String... oids) {
    this.extendedKeyUsages = Optional.of(List.of(oids));
    return this;
  }

  public CertificateBuilder serverAuthOnly() {
    return extendedKeyUsages(ExtendedKeyUsages.SERVER_AUTH);
  }

  public CertificateBuilder clientAuthOnly() {
    return extendedKeyUsages(ExtendedKeyUsages.CLIENT_AUTH);
  }

  /** No EKU extension at all (any purpose, RFC 5280 §4.2.1.12). */
  public CertificateBuilder noExtendedKeyUsage() {
    this.extendedKeyUsages = Optional.empty();
    return this;
  }

  public CertificateBuilder validity(Instant from, Instant until) {
    this.notBefore = from;
    this.notAfter = until;
    return this;
  }

  public CertificateBuilder expired() {
    return validity(TestPki.NOW.minus(Duration.ofDays(400)), TestPki.NOW.minus(Duration.ofDays(1)));
  }

  public CertificateBuilder notYetValid() {
    return validity(TestPki.NOW.plus(Duration.ofDays(1)), TestPki.NOW.plus(Duration.ofDays(400)));
  }

  /** Valid now, expiring ten days after {@link TestPki#NOW}. */
  public CertificateBuilder expiringSoon() {
    return validity(TestPki.NOW.minus(Duration.ofDays(355)), TestPki.NOW.plus(Duration.ofDays(10)));
  }

  public CertificateBuilder keyType(KeyType type) {
    this.keyType = type;
    return this;
  }

  public CertificateBuilder keyPair(KeyPair pair) {
    this.keyPair = pair;
    return this;
  }

  /**
   * Certifies someone else's public key (e.g. from a CSR under test); the issued identity then has
   * no private key.
   */
  public CertificateBuilder publicKey(java.security.PublicKey key) {
    this.keyPair = new KeyPair(key, null);
    return this;
  }

  public IssuedIdentity selfSigned() {
    KeyPair pair = pair();
    X509Certificate certificate = build(pair, subject(), pair, null);
    return new IssuedIdentity(pair.getPrivate(), List.of(certificate));
  }

  /** Issued by the issuer; the chain is this certificate followed by the issuer's chain. */
  public IssuedIdentity signedBy(IssuedIdentity issuer) {
    KeyPair pair = pair();
    KeyPair issuerPair = new KeyPair(issuer.certificate().getPublicKey(), issuer.privateKey());
    X509Certificate certificate = build(pair, subject(), issuerPair, issuer.certificate());
    List<X509Certificate> chain = new ArrayList<>(List.of(certificate));
    chain.addAll(issuer.chain());
    return new IssuedIdentity(pair.getPrivate(), chain);
  }

  private KeyPair pair() {
    if (keyPair == null) {
      keyPair = keyType.generate(RANDOM);
    }
    return keyPair;
  }

  private X500Name subject() {
    X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "fedgate test");
    if (commonName != null) {
      name.addRDN(BCStyle.CN, commonName);
    }
    return name.build();
  }

  private X509Certificate build(
      KeyPair pair, X500Name subject, KeyPair issuerPair, X509Certificate issuerCert) {
    try {
      X500Name issuerName =
          issuerCert == null
              ? subject
              : X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded());
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuerName,
              BigInteger.valueOf(SERIALS.incrementAndGet()),
              Date.from(notBefore),
              Date.from(notAfter),
              subject,
              pair.getPublic());
      addExtensions(builder, pair, issuerPair);
      String algorithm = KeyType.signatureAlgorithmFor(issuerPair.getPrivate().getAlgorithm());
      var signer = new JcaContentSignerBuilder(algorithm).build(issuerPair.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (Exception e) {
      throw new IllegalStateException("cannot build test certificate " + commonName, e);
    }
  }

  private void addExtensions(X509v3CertificateBuilder builder, KeyPair pair, KeyPair issuerPair)
      throws Exception {
    var utils = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    int usage =
        ca
            ? KeyUsage.keyCertSign | KeyUsage.cRLSign
            : KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
    builder.addExtension(
        Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
    builder.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        utils.createAuthorityKeyIdentifier(issuerPair.getPublic()));
    if (!altNames.isEmpty()) {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(altNames.toArray(GeneralName[]::new)));
    }
    if (extendedKeyUsages.isPresent()) {
      KeyPurposeId[] purposes =
          extendedKeyUsages.get().stream()
              .map(
                  oid ->
                      KeyPurposeId.getInstance(new org.bouncycastle.asn1.ASN1ObjectIdentifier(oid)))
              .toArray(KeyPurposeId[]::new);
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
    }
  }

  private static GeneralName otherName(String oid, org.bouncycastle.asn1.ASN1Encodable value) {
    ASN1EncodableVector sequence = new ASN1EncodableVector();
    sequence.add(new org.bouncycastle.asn1.ASN1ObjectIdentifier(oid));
    sequence.add(new DERTaggedObject(true, 0, value));
    return new GeneralName(GeneralName.otherName, new DERSequence(sequence));
  }
}
