package io.fedgate.certstore.store;

/** The in-memory repository meets the repository contract. */
class InMemoryCertificateRepositoryTest implements CertificateRepositoryContract {
  @Override
  public CertificateRepository emptyRepository() {
    return new InMemoryCertificateRepository();
  }
}
