package io.fedgate.certstore.tls;

/** The in-memory TLS settings repository meets the contract. */
class InMemoryTlsSettingsRepositoryTest implements TlsSettingsRepositoryContract {
  @Override
  public TlsSettingsRepository emptyRepository() {
    return new InMemoryTlsSettingsRepository();
  }
}
