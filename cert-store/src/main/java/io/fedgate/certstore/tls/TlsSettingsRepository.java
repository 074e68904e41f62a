package io.fedgate.certstore.tls;

import java.util.List;
import java.util.Optional;

/**
 * Port for {@code tls_peer_subject}, {@code tls_context} and {@code tls_context_peer_subject}.
 * Implemented in memory here and over JDBC by the appliance; both must pass {@code
 * TlsSettingsRepositoryContract} from this module's test-jar.
 */
public interface TlsSettingsRepository {

  /** All peer subjects, ordered by name. */
  List<TlsPeerSubject> peerSubjects();

  /** Inserts the subject or replaces the one with the same name. */
  void savePeerSubject(TlsPeerSubject subject);

  /** Removes the subject and its context mappings; no error when absent. */
  void deletePeerSubject(String subjectName);

  /** All contexts, ordered by name; each context's peer subjects ordered by name. */
  List<TlsContext> contexts();

  Optional<TlsContext> findContext(String name);

  /**
   * Inserts the context or replaces the one with the same name, mappings included.
   *
   * @throws IllegalArgumentException when a mapped peer subject does not exist; nothing changed
   */
  void saveContext(TlsContext context);
}
