package io.fedgate.certstore.check;

import java.util.List;

/** The findings of a pre-flight check; the identity is usable when none is an error. */
public record PreflightReport(List<Finding> findings) {
  public PreflightReport {
    findings = List.copyOf(findings);
  }

  public boolean usable() {
    return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
  }

  public List<FindingCode> codes() {
    return findings.stream().map(Finding::code).toList();
  }
}
