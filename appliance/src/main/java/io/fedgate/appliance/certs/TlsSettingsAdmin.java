package io.fedgate.appliance.certs;

import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.service.ServiceRegistry;
import io.fedgate.certstore.tls.TlsContext;
import io.fedgate.certstore.tls.TlsPeerSubject;
import io.fedgate.certstore.tls.TlsSettingsRepository;
import io.fedgate.core.config.ConfigProblem;
import io.fedgate.core.net.HostSyntax;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * TLS peer subjects and TLS contexts as operators change them (IM&P System > Security): validated
 * (every problem at once, nothing corrected), stored and audited in the name of the actor, then the
 * SIP Proxy, whose peer-auth listener uses them, is flagged "restart required".
 */
public final class TlsSettingsAdmin {

  /** The answer to a change. */
  public sealed interface Result {
    /** Nothing was stored. */
    record Refused(List<ConfigProblem> problems) implements Result {}

    /** No such peer subject or context; nothing was stored. */
    record NotFound(String message) implements Result {}

    /** Stored and audited; what it did to the services. */
    record Changed(Object value, Set<ServiceName> appliedLive, Set<ServiceName> restartRequired)
        implements Result {}
  }

  private static final Set<ServiceName> AFFECTED = Set.of(ServiceName.SIP_PROXY);

  private final Function<String, TlsSettingsRepository> repositoryFor;
  private final ServiceRegistry services;
  private final Clock clock;

  /**
   * @param repositoryFor the TLS settings, auditing changes in the name of the given actor
   */
  public TlsSettingsAdmin(
      Function<String, TlsSettingsRepository> repositoryFor,
      ServiceRegistry services,
      Clock clock) {
    this.repositoryFor = repositoryFor;
    this.services = services;
    this.clock = clock;
  }

  public List<TlsPeerSubject> peerSubjects() {
    return repositoryFor.apply("system").peerSubjects();
  }

  public List<TlsContext> contexts() {
    return repositoryFor.apply("system").contexts();
  }

  public Optional<TlsContext> context(String name) {
    return repositoryFor.apply("system").findContext(name);
  }

  /** Adds a peer subject: an FQDN or IP address the peer's certificate must name. */
  public Result addPeerSubject(String actor, String name, String description) {
    List<ConfigProblem> problems = new ArrayList<>();
    String subject = name == null ? "" : name.trim();
    if (!HostSyntax.isHost(subject) || subject.length() > 255) {
      problems.add(
          new ConfigProblem("name", "'" + subject + "' is neither an FQDN nor an IP address"));
    }
    String text = description == null ? "" : description.trim();
    if (text.length() > 255) {
      problems.add(new ConfigProblem("description", "at most 255 characters"));
    }
    TlsSettingsRepository repository = repositoryFor.apply(actor);
    if (repository.peerSubjects().stream().anyMatch(s -> s.subjectName().equals(subject))) {
      problems.add(new ConfigProblem("name", "'" + subject + "' is already a TLS peer subject"));
    }
    if (!problems.isEmpty()) {
      return new Result.Refused(problems);
    }
    TlsPeerSubject created = new TlsPeerSubject(subject, text, clock.instant());
    repository.savePeerSubject(created);
    return changed("tls-peer-subjects", "TLS peer subjects changed", created);
  }

  /** Removes a peer subject and its mappings to TLS contexts. */
  public Result removePeerSubject(String actor, String name) {
    TlsSettingsRepository repository = repositoryFor.apply(actor);
    Optional<TlsPeerSubject> existing =
        repository.peerSubjects().stream().filter(s -> s.subjectName().equals(name)).findFirst();
    if (existing.isEmpty()) {
      return new Result.NotFound("no TLS peer subject '" + name + "'");
    }
    repository.deletePeerSubject(name);
    return changed("tls-peer-subjects", "TLS peer subjects changed", existing.get());
  }

  /** Changes the fields of an existing context that the update names. */
  public Result updateContext(String actor, String name, TlsContextUpdate update) {
    TlsSettingsRepository repository = repositoryFor.apply(actor);
    Optional<TlsContext> existing = repository.findContext(name);
    if (existing.isEmpty()) {
      return new Result.NotFound(
          "no TLS context '"
              + name
              + "'; contexts: "
              + String.join(", ", repository.contexts().stream().map(TlsContext::name).toList()));
    }
    List<String> known =
        repository.peerSubjects().stream().map(TlsPeerSubject::subjectName).toList();
    TlsContextUpdate.Applied applied = update.applyTo(existing.get(), known, clock.instant());
    if (!applied.problems().isEmpty()) {
      return new Result.Refused(applied.problems());
    }
    repository.saveContext(applied.context());
    return changed(
        "tls-contexts",
        "TLS context " + name + " changed",
        repository.findContext(name).orElseThrow());
  }

  private Result changed(String key, String reason, Object value) {
    ServiceRegistry.ChangeOutcome outcome = services.configChanged(key, reason, AFFECTED);
    return new Result.Changed(value, outcome.appliedLive(), outcome.restartRequired());
  }
}
