package io.fedgate.certstore.tls;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named TLS context as on IM&P (System > Security > TLS Context Configuration), one row of {@code
 * tls_context} with its {@code tls_context_peer_subject} mappings.
 *
 * @param protocols enabled versions, a subset of TLSv1.2 and TLSv1.3 (column: comma-separated)
 * @param cipherSuites the suites of a CUSTOM profile; empty for the named profiles
 * @param peerSubjects the TLS peer subject names mapped to the context; empty = unrestricted
 * @param disableEmptyTlsFragments IM&P's checkbox, required for Microsoft peers. Empty fragments
 *     are a TLS 1.0 CBC countermeasure; JSSE never sends them with TLS 1.2 and 1.3, so with the
 *     protocols allowed here the flag is recorded and shown, and {@link TlsContextFactory} warns
 *     when it is off.
 */
public record TlsContext(
    String name,
    String description,
    List<String> protocols,
    CipherProfile cipherProfile,
    List<String> cipherSuites,
    List<String> peerSubjects,
    boolean disableEmptyTlsFragments,
    Instant updatedAt) {

  /** The protocol versions a context may enable. */
  public static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  /** IM&P's default peer-auth context, as the baseline migration of the appliance seeds it. */
  public static final String DEFAULT_PEER_AUTH = "Default_Cisco_SIP_Proxy_Peer_Auth_TLS_Context";

  public TlsContext {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cipherProfile, "cipherProfile");
    Objects.requireNonNull(updatedAt, "updatedAt");
    description = description == null ? "" : description;
    protocols = List.copyOf(protocols);
    cipherSuites = List.copyOf(cipherSuites);
    peerSubjects = List.copyOf(peerSubjects);
    if (name.isBlank() || name.length() > 128) {
      throw new IllegalArgumentException("a TLS context name has 1 to 128 characters");
    }
    if (protocols.isEmpty() || !ALLOWED_PROTOCOLS.containsAll(protocols)) {
      throw new IllegalArgumentException(
          "protocols must be TLSv1.2 and/or TLSv1.3, not " + protocols);
    }
    if ((cipherProfile == CipherProfile.CUSTOM) == cipherSuites.isEmpty()) {
      throw new IllegalArgumentException(
          "cipher suites are listed for the CUSTOM profile, and only for it");
    }
  }

  /** The default peer-auth context: TLS 1.2 and 1.3, Lync-compatible suites, no peer subjects. */
  public static TlsContext defaultPeerAuth(Instant at) {
    return new TlsContext(
        DEFAULT_PEER_AUTH,
        "Mutual TLS for SIP federation peers",
        List.of("TLSv1.2", "TLSv1.3"),
        CipherProfile.LYNC_COMPATIBLE,
        List.of(),
        List.of(),
        true,
        at);
  }

  /** The suites wanted, in preference order. */
  public List<String> wantedSuites() {
    return cipherProfile == CipherProfile.CUSTOM ? cipherSuites : cipherProfile.suites();
  }

  /** A copy with another peer subject list. */
  public TlsContext withPeerSubjects(List<String> subjects, Instant at) {
    return new TlsContext(
        name,
        description,
        protocols,
        cipherProfile,
        cipherSuites,
        subjects,
        disableEmptyTlsFragments,
        at);
  }
}
