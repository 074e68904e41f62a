package io.fedgate.certstore.pki;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Generates a key pair and a PKCS#10 request (RFC 2986) for a federation identity: the given DNS
 * names as subjectAltName and both serverAuth and clientAuth EKUs, requested through the PKCS#9
 * extensionRequest attribute (federation links are mutual TLS, so the identity is a client too).
 */
public final class CsrFactory {
  private final SecureRandom random;

  public CsrFactory(SecureRandom random) {
    this.random = random;
  }

  /**
   * @param commonName subject CN, normally the node FQDN
   * @param dnsNames subjectAltName dNSName entries, without duplicates; must not be empty
   */
  public PendingRequest create(String commonName, List<String> dnsNames, KeyType keyType) {
    if (dnsNames.isEmpty()) {
      throw new IllegalArgumentException("a federation identity needs at least one DNS name");
    }
    KeyPair keyPair = keyType.generate(random);
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    try {
      var builder = new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic());
      builder.addAttribute(
          PKCSObjectIdentifiers.pkcs_9_at_extensionRequest,
          extensions(keyType, dnsNames).generate());
      PKCS10CertificationRequest request =
          builder.build(
              new JcaContentSignerBuilder(keyType.signatureAlgorithm())
                  .build(keyPair.getPrivate()));
      return new PendingRequest(keyPair.getPrivate(), PemEncoder.request(request));
    } catch (IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot build a CSR for " + commonName, e);
    }
  }

  private static ExtensionsGenerator extensions(KeyType keyType, List<String> dnsNames)
      throws IOException {
    GeneralName[] names =
        dnsNames.stream()
            .distinct()
            .map(n -> new GeneralName(GeneralName.dNSName, n))
            .toArray(GeneralName[]::new);
    int usage =
        "RSA".equals(keyType.algorithm())
            ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
            : KeyUsage.digitalSignature;
    ExtensionsGenerator extensions = new ExtensionsGenerator();
    extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    extensions.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
    extensions.addExtension(
        Extension.extendedKeyUsage,
        false,
        new ExtendedKeyUsage(
            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
    return extensions;
  }

  /** A generated key and its request; the key stays on the node, sealed, until the reply. */
  public record PendingRequest(PrivateKey privateKey, String csrPem) {
    @Override
    public String toString() {
      return "PendingRequest[key hidden]";
    }
  }
}
