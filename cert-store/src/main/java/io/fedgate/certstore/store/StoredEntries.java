package io.fedgate.certstore.store;

import io.fedgate.certstore.RejectedInputException;
import io.fedgate.certstore.RejectionCode;
import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.pki.CertificateDecoder;
import io.fedgate.certstore.pki.CertificateDetails;
import io.fedgate.certstore.pki.UploadLimit;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Aliases, the pending-row naming, and reading stored rows back into certificates and views. */
final class StoredEntries {
  /** A pending request is stored under the identity's alias plus this suffix. */
  static final String PENDING_SUFFIX = "#pending";

  private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final CertificateDecoder STORED =
      new CertificateDecoder(new UploadLimit(Integer.MAX_VALUE));

  private StoredEntries() {}

  static EntryKey pendingKey(StoreName store, String alias) {
    return new EntryKey(store, alias + PENDING_SUFFIX);
  }

  static void requireAlias(String alias) throws RejectedInputException {
    if (alias == null || !ALIAS.matcher(alias).matches()) {
      throw new RejectedInputException(
          RejectionCode.INVALID_ALIAS,
          "the alias '" + alias + "' must be 1 to 100 letters, digits, '.', '_' or '-'");
    }
  }

  static void requireKind(StoreName store, boolean identity) throws RejectedInputException {
    if (store.isIdentityStore() != identity) {
      throw new RejectedInputException(
          RejectionCode.WRONG_STORE_KIND,
          store
              + (identity
                  ? " is a trust store; identities go to cup, cup-xmpp or admin"
                  : " is an identity store; trust certificates go to cup-trust or cup-xmpp-trust"));
    }
  }

  static List<X509Certificate> certificates(CertificateEntry entry) {
    if (entry.certificatePem() == null) {
      return List.of();
    }
    try {
      return STORED.decode(entry.certificatePem().getBytes(StandardCharsets.US_ASCII));
    } catch (RejectedInputException e) {
      throw new IllegalStateException("stored entry " + entry.key() + " is damaged", e);
    }
  }

  static CertificateView view(CertificateEntry entry) {
    boolean pending = entry.kind() == EntryKind.PENDING;
    String alias =
        pending
            ? entry.alias().substring(0, entry.alias().length() - PENDING_SUFFIX.length())
            : entry.alias();
    return new CertificateView(
        entry.store(),
        alias,
        entry.kind(),
        certificates(entry).stream().map(CertificateDetails::of).toList(),
        entry.sealedPrivateKey() != null,
        Optional.ofNullable(entry.csrPem()),
        List.of(),
        entry.createdAt(),
        entry.updatedAt());
  }
}
