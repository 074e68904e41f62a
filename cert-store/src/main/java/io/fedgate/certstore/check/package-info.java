/**
 * Checks that return values: {@link io.fedgate.certstore.check.IdentityPreflight} (is this identity
 * fit for federation?) and {@link io.fedgate.certstore.check.ExpiryScan} (what expires within 30
 * days?). Findings carry a {@link io.fedgate.certstore.check.Severity} and a stable {@link
 * io.fedgate.certstore.check.FindingCode}.
 */
package io.fedgate.certstore.check;
