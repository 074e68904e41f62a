package io.fedgate.tlsproxy.asa;

/** A line of an ASA snippet the importer refuses, 1-based. */
public record AsaImportError(int line, String text, String message) {
  @Override
  public String toString() {
    return "line " + line + ": " + message + ": " + text.strip();
  }
}
