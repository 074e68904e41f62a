package io.fedgate.xmpp.s2s;

/**
 * One step of {@code fedgate xmpp test DOMAIN}: an outbound negotiation reported step by step.
 *
 * @param step which step
 * @param outcome passed, failed or skipped
 * @param detail what was found (targets, address, TLS version and cipher, certificate decision, the
 *     failure reason code)
 */
public record TestStep(Step step, Outcome outcome, String detail) {

  /** The steps, in the order they run. */
  public enum Step {
    DNS,
    TCP,
    STARTTLS,
    CERTIFICATE,
    SASL_EXTERNAL,
    DIALBACK,
    RESULT
  }

  public enum Outcome {
    PASSED,
    FAILED,
    SKIPPED
  }
}
