package io.fedgate.appliance.doctor;

import java.util.Objects;

/**
 * One check of the Federation Doctor.
 *
 * @param protocol {@code SIP}, {@code XMPP} or {@code ANY}
 * @param check what was checked, e.g. {@code dns-srv}, {@code tls-handshake}
 * @param outcome pass, warn, fail or skip
 * @param reason a stable reason code ({@code ok} when it passed)
 * @param detail what was seen, for the operator
 * @param fixSide who must change something when it did not pass
 * @param fix what to change; empty when nothing
 */
public record DoctorStep(
    String protocol,
    String check,
    Outcome outcome,
    String reason,
    String detail,
    FixSide fixSide,
    String fix) {

  public enum Outcome {
    PASS,
    WARN,
    FAIL,
    SKIP
  }

  /** Which side must act. */
  public enum FixSide {
    NONE,
    LOCAL,
    PEER
  }

  public DoctorStep {
    Objects.requireNonNull(protocol);
    Objects.requireNonNull(check);
    Objects.requireNonNull(outcome);
    Objects.requireNonNull(reason);
    Objects.requireNonNull(detail);
    Objects.requireNonNull(fixSide);
    Objects.requireNonNull(fix);
  }

  static DoctorStep pass(String protocol, String check, String detail) {
    return new DoctorStep(protocol, check, Outcome.PASS, "ok", detail, FixSide.NONE, "");
  }

  static DoctorStep fail(
      String protocol, String check, String reason, String detail, FixSide side, String fix) {
    return new DoctorStep(protocol, check, Outcome.FAIL, reason, detail, side, fix);
  }

  static DoctorStep warn(
      String protocol, String check, String reason, String detail, FixSide side, String fix) {
    return new DoctorStep(protocol, check, Outcome.WARN, reason, detail, side, fix);
  }

  static DoctorStep skip(String protocol, String check, String why) {
    return new DoctorStep(protocol, check, Outcome.SKIP, "skipped", why, FixSide.NONE, "");
  }

  public boolean failed() {
    return outcome == Outcome.FAIL;
  }
}
