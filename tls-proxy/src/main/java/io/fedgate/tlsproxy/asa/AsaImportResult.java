package io.fedgate.tlsproxy.asa;

import io.fedgate.tlsproxy.config.ProxyConfig;
import java.util.List;
import java.util.Optional;

/** The config read from an ASA snippet, or every line refused (then no config). */
public record AsaImportResult(Optional<ProxyConfig> config, List<AsaImportError> errors) {
  public AsaImportResult {
    errors = List.copyOf(errors);
  }
}
