package io.fedgate.certstore.check;

import java.util.Objects;

/** One pre-flight finding: severity, stable code and a sentence naming the certificate. */
public record Finding(Severity severity, FindingCode code, String detail) {
  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(detail, "detail");
  }

  public static Finding error(FindingCode code, String detail) {
    return new Finding(Severity.ERROR, code, detail);
  }

  public static Finding warning(FindingCode code, String detail) {
    return new Finding(Severity.WARNING, code, detail);
  }

  @Override
  public String toString() {
    return severity + " " + code + ": " + detail;
  }
}
