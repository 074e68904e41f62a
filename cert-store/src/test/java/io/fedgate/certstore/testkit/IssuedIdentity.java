package io.fedgate.certstore.testkit;

import io.fedgate.certstore.pki.Identity;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A test certificate with its private key and the chain its issuer would send, leaf first (the root
 * included, as {@link CertificateBuilder#signedBy} builds it).
 */
public record IssuedIdentity(PrivateKey privateKey, List<X509Certificate> chain) {
  public IssuedIdentity {
    chain = List.copyOf(chain);
  }

  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** The chain as fedgate's {@link Identity}. */
  public Identity toIdentity() {
    return new Identity(privateKey, chain);
  }

  /** The chain without its last certificate (the root): what most servers send. */
  public List<X509Certificate> chainWithoutRoot() {
    return chain.size() == 1 ? chain : chain.subList(0, chain.size() - 1);
  }

  /** The leaf alone: a truncated chain when the leaf was issued by an intermediate. */
  public List<X509Certificate> leafOnly() {
    return List.of(certificate());
  }

  @Override
  public String toString() {
    return "IssuedIdentity[" + certificate().getSubjectX500Principal().getName() + "]";
  }
}
