package io.fedgate.certstore.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
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
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates the self-signed identities a node needs on first start ({@code cup}, {@code cup-xmpp},
 * {@code admin}): RSA 2048, SHA-256, both serverAuth and clientAuth EKUs (federation links are
 * mutual TLS in both directions), the given names as SANs (IP literals as iPAddress, the rest as
 * dNSName).
 */
public final class SelfSignedIdentityFactory {
  private static final int RSA_BITS = 2048;

  private final Clock clock;
  private final SecureRandom random;

  public SelfSignedIdentityFactory(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /**
   * @param commonName subject CN, normally the node FQDN
   * @param dnsNames SAN dNSName entries; must not be empty
   * @param validity how long from now the certificate is valid
   */
  public Identity create(String commonName, List<String> dnsNames, Duration validity) {
    if (dnsNames.isEmpty()) {
      throw new IllegalArgumentException("a federation identity needs at least one DNS name");
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(RSA_BITS, random);
      KeyPair keyPair = generator.generateKeyPair();
      X500Name subject =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.O, "fedgate self-signed")
              .addRDN(BCStyle.CN, commonName)
              .build();
      Instant now = clock.instant();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(127, random).add(BigInteger.ONE),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(validity)),
              subject,
              keyPair.getPublic());
      addExtensions(builder, keyPair, dnsNames);
      var signer = new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate());
      X509Certificate cert =
          new JcaX509CertificateConverter().getCertificate(builder.build(signer));
      return new Identity(keyPair.getPrivate(), List.of(cert));
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException(
          "cannot generate a self-signed identity for " + commonName, e);
    }
  }

  private static void addExtensions(
      X509v3CertificateBuilder builder, KeyPair keyPair, List<String> dnsNames)
      throws CertIOException, GeneralSecurityException {
    GeneralName[] names =
        dnsNames.stream()
            .distinct()
            .map(
                n ->
                    new GeneralName(
                        isIpLiteral(n) ? GeneralName.iPAddress : GeneralName.dNSName, n))
            .toArray(GeneralName[]::new);
    var extensions = new JcaX509ExtensionUtils();
    builder
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(
            Extension.keyUsage,
            true,
            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
        .addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names))
        .addExtension(
            Extension.subjectKeyIdentifier,
            false,
            extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
  }

  private static boolean isIpLiteral(String name) {
    return name.contains(":") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }
}
