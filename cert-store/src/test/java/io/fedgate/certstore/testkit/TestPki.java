package io.fedgate.certstore.testkit;

import io.fedgate.certstore.trust.TrustedCertificates;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared test PKI, generated at test time and cached per JVM (no key material is committed):
 *
 * <pre>
 * fedgate Test Root CA  -> fedgate Test Intermediate CA  -> leaves ({@link PeerVariant})
 * Unknown Root CA       -> Unknown Intermediate CA       -> leaves of UNKNOWN_ROOT
 * </pre>
 *
 * The trust store of the tests ({@link #trustStore()}) holds the known root only. Every certificate
 * is dated around {@link #NOW}; use {@link #clock()} wherever time is read.
 */
public final class TestPki {
  /** The instant every test certificate is dated around. */
  public static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

  private static final class Holder {
    static final TestPki INSTANCE = new TestPki();
  }

  private final IssuedIdentity root;
  private final IssuedIdentity intermediate;
  private final IssuedIdentity unknownRoot;
  private final IssuedIdentity unknownIntermediate;
  private final Map<PeerVariant, IssuedIdentity> leaves = new ConcurrentHashMap<>();

  private TestPki() {
    root = CertificateBuilder.ca("fedgate Test Root CA").selfSigned();
    intermediate = CertificateBuilder.ca("fedgate Test Intermediate CA").signedBy(root);
    unknownRoot = CertificateBuilder.ca("Unknown Root CA").selfSigned();
    unknownIntermediate = CertificateBuilder.ca("Unknown Intermediate CA").signedBy(unknownRoot);
  }

  /** The per-JVM instance, created on first use. */
  public static TestPki shared() {
    return Holder.INSTANCE;
  }

  /** A clock fixed at {@link #NOW}. */
  public static Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  /** A clock fixed at {@link #NOW} plus the given days. */
  public static Clock clockPlusDays(long days) {
    return Clock.fixed(NOW.plusSeconds(days * 86_400), ZoneOffset.UTC);
  }

  public IssuedIdentity root() {
    return root;
  }

  public IssuedIdentity intermediate() {
    return intermediate;
  }

  public IssuedIdentity unknownRoot() {
    return unknownRoot;
  }

  public IssuedIdentity unknownIntermediate() {
    return unknownIntermediate;
  }

  /** {@code cup-trust} as the tests see it: the known root only. */
  public TrustedCertificates trustStore() {
    return new TrustedCertificates("cup-trust", List.of(root.certificate()));
  }

  /** The leaf of a variant with its full chain (leaf, intermediate, root), cached. */
  public IssuedIdentity leaf(PeerVariant variant) {
    return leaves.computeIfAbsent(variant, this::issue);
  }

  /** What a peer of this variant sends in its Certificate message. */
  public List<X509Certificate> presentedChain(PeerVariant variant) {
    IssuedIdentity leaf = leaf(variant);
    return switch (variant.spec().presents()) {
      case FULL_CHAIN -> leaf.chain();
      case WITHOUT_ROOT -> leaf.chainWithoutRoot();
      case LEAF_ONLY -> leaf.leafOnly();
    };
  }

  private IssuedIdentity issue(PeerVariant variant) {
    LeafSpec spec = variant.spec();
    CertificateBuilder builder = spec.toBuilder();
    return switch (spec.issuer()) {
      case KNOWN_INTERMEDIATE -> builder.signedBy(intermediate);
      case UNKNOWN_INTERMEDIATE -> builder.signedBy(unknownIntermediate);
      case SELF -> builder.selfSigned();
    };
  }
}
