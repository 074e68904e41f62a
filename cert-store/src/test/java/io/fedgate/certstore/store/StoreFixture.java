package io.fedgate.certstore.store;

import io.fedgate.certstore.NodeNames;
import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.pki.KeyProtector;
import io.fedgate.certstore.testkit.TestFiles;
import io.fedgate.certstore.testkit.TestPki;
import java.io.StringReader;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/** A service over an in-memory repository, a fixed master key and the test clock. */
final class StoreFixture {
  static final NodeNames NODE =
      new NodeNames("node1.fedgate.example", List.of("fedgate.example", "chat.example"));

  final InMemoryCertificateRepository repository = new InMemoryCertificateRepository();
  final KeyProtector protector = new KeyProtector(masterKey(), new SecureRandom());
  final CertificateStores stores =
      new CertificateStores(repository, protector, TestPki.clock(), new SecureRandom());

  /** Puts the test root into cup-trust and cup-xmpp-trust. */
  StoreFixture withTestRoot() {
    byte[] root = TestFiles.pem(List.of(TestPki.shared().root().certificate()));
    stores.importTrust(StoreName.CUP_TRUST, "test-root", root).value();
    stores.importTrust(StoreName.CUP_XMPP_TRUST, "test-root", root).value();
    return this;
  }

  static byte[] masterKey() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 7);
    return key;
  }

  static PKCS10CertificationRequest parseCsr(String pem) throws Exception {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      return (PKCS10CertificationRequest) parser.readObject();
    }
  }

  static PublicKey publicKeyOf(String csrPem) throws Exception {
    return new JcaPKCS10CertificationRequest(parseCsr(csrPem)).getPublicKey();
  }
}
