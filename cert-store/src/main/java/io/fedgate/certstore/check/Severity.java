package io.fedgate.certstore.check;

/** How bad a finding is: an ERROR makes the identity unusable, a WARNING needs attention. */
public enum Severity {
  ERROR,
  WARNING
}
