package io.fedgate.certstore.tls;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link TlsSettingsRepository} in memory. */
public final class InMemoryTlsSettingsRepository implements TlsSettingsRepository {
  private final Map<String, TlsPeerSubject> subjects = new TreeMap<>();
  private final Map<String, TlsContext> contexts = new TreeMap<>();

  @Override
  public synchronized List<TlsPeerSubject> peerSubjects() {
    return List.copyOf(subjects.values());
  }

  @Override
  public synchronized void savePeerSubject(TlsPeerSubject subject) {
    subjects.put(subject.subjectName(), subject);
  }

  @Override
  public synchronized void deletePeerSubject(String subjectName) {
    subjects.remove(subjectName);
    contexts.replaceAll(
        (name, context) ->
            context.withPeerSubjects(
                context.peerSubjects().stream().filter(s -> !s.equals(subjectName)).toList(),
                context.updatedAt()));
  }

  @Override
  public synchronized List<TlsContext> contexts() {
    return List.copyOf(contexts.values());
  }

  @Override
  public synchronized Optional<TlsContext> findContext(String name) {
    return Optional.ofNullable(contexts.get(name));
  }

  @Override
  public synchronized void saveContext(TlsContext context) {
    for (String subject : context.peerSubjects()) {
      if (!subjects.containsKey(subject)) {
        throw new IllegalArgumentException("no TLS peer subject '" + subject + "'");
      }
    }
    contexts.put(
        context.name(),
        context.withPeerSubjects(
            context.peerSubjects().stream().distinct().sorted().toList(), context.updatedAt()));
  }
}
