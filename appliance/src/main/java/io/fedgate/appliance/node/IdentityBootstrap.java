package io.fedgate.appliance.node;

import io.fedgate.appliance.store.AuditEntry;
import io.fedgate.appliance.store.AuditLog;
import io.fedgate.appliance.store.Database;
import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.pki.KeyProtector;
import io.fedgate.certstore.pki.SelfSignedIdentityFactory;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the node has the identities it cannot run without ({@code cup}, {@code cup-xmpp},
 * {@code admin}): loads them from the config database, or generates self-signed ones on first
 * start. Keys are stored sealed with the node master key.
 */
public final class IdentityBootstrap {
  private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);
  private static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(2 * 365);

  private final Database database;
  private final AuditLog audit;
  private final KeyProtector protector;
  private final SelfSignedIdentityFactory factory;
  private final Clock clock;

  public IdentityBootstrap(
      Database database,
      AuditLog audit,
      KeyProtector protector,
      SelfSignedIdentityFactory factory,
      Clock clock) {
    this.database = database;
    this.audit = audit;
    this.protector = protector;
    this.factory = factory;
    this.clock = clock;
  }

  /** The identity of {@code store}, generated self-signed for {@code names} if there is none. */
  public Identity ensure(String store, String commonName, List<String> names) {
    Optional<Identity> existing = database.inTransaction(c -> load(c, store));
    if (existing.isPresent()) {
      return existing.get();
    }
    Identity identity = factory.create(commonName, names, SELF_SIGNED_VALIDITY);
    database.inTransaction(c -> insert(c, store, identity));
    log.info(
        "generated a self-signed {} identity for {} (SANs {}), valid until {}",
        store,
        commonName,
        names,
        identity.leaf().getNotAfter().toInstant());
    return identity;
  }

  private Optional<Identity> load(Connection c, String store) throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT certificate_pem, key_algorithm, sealed_private_key FROM certificate_entry"
                + " WHERE store_name = ? AND kind = 'IDENTITY' ORDER BY id")) {
      query.setString(1, store);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        try {
          return Optional.of(
              new Identity(
                  protector.open(rows.getBytes(3), rows.getString(2)),
                  parseChain(rows.getString(1))));
        } catch (GeneralSecurityException | IOException e) {
          throw new SQLException(
              "the " + store + " identity cannot be opened with this node's master key", e);
        }
      }
    }
  }

  private Void insert(Connection c, String store, Identity identity) throws SQLException {
    Timestamp now = Timestamp.from(clock.instant());
    String pem = toPem(identity.chain());
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO certificate_entry (store_name, entry_alias, kind, certificate_pem,"
                + " key_algorithm, sealed_private_key, created_at, updated_at)"
                + " VALUES (?, ?, 'IDENTITY', ?, ?, ?, ?, ?)")) {
      insert.setString(1, store);
      insert.setString(2, store);
      insert.setString(3, pem);
      insert.setString(4, identity.privateKey().getAlgorithm());
      insert.setBytes(5, protector.seal(identity.privateKey()));
      insert.setTimestamp(6, now);
      insert.setTimestamp(7, now);
      insert.executeUpdate();
    }
    String subject = identity.leaf().getSubjectX500Principal().getName();
    audit.record(
        c,
        "system",
        "certificate",
        store + "/" + store,
        AuditEntry.ChangeKind.CREATE,
        null,
        "{\"subject\":\"" + subject.replace("\"", "'") + "\",\"selfSigned\":true}");
    return null;
  }

  /** PEM text of certificates, leaf first. */
  public static String toPem(List<X509Certificate> chain) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (X509Certificate certificate : chain) {
        writer.writeObject(certificate);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a certificate as PEM", e);
    }
    return text.toString();
  }

  static List<X509Certificate> parseChain(String pem) throws IOException, GeneralSecurityException {
    List<X509Certificate> chain = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof X509CertificateHolder holder) {
          chain.add(converter.getCertificate(holder));
        }
      }
    }
    return chain;
  }
}
