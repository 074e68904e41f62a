package io.fedgate.appliance.doctor;

import io.fedgate.appliance.doctor.DoctorStep.Outcome;
import java.time.Instant;
import java.util.List;

/**
 * The Federation Doctor's answer for one domain: the steps in the order they ran.
 *
 * @param millis how long the whole run took
 */
public record DoctorReport(String domain, Instant started, long millis, List<DoctorStep> steps) {

  public DoctorReport {
    steps = List.copyOf(steps);
  }

  /** FAIL if any step failed, else WARN if any warned, else PASS. */
  public Outcome overall() {
    if (steps.stream().anyMatch(s -> s.outcome() == Outcome.FAIL)) {
      return Outcome.FAIL;
    }
    if (steps.stream().anyMatch(s -> s.outcome() == Outcome.WARN)) {
      return Outcome.WARN;
    }
    return Outcome.PASS;
  }

  /** The steps of one protocol ({@code SIP} or {@code XMPP}). */
  public List<DoctorStep> of(String protocol) {
    return steps.stream().filter(s -> s.protocol().equals(protocol)).toList();
  }
}
