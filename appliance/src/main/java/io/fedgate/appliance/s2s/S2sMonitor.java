package io.fedgate.appliance.s2s;

import io.fedgate.xmpp.s2s.S2sConnection;
import io.fedgate.xmpp.s2s.S2sFailure;
import io.fedgate.xmpp.s2s.TestStep;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** What the admin API reads of the XMPP Federation Connection Manager; never blocks. */
public interface S2sMonitor {

  /** Whether S2S runs (the service is started and XMPP federation is on). */
  boolean active();

  /** The authenticated domain pairs of the live streams; empty when not active. */
  List<S2sConnection> connections();

  /**
   * The recent failures of one remote domain, newest first (at most 50); kept across restarts of
   * the service and of the node ({@link FailureHistory}), also while not active.
   */
  List<S2sFailure> failures(String domain);

  /**
   * One outbound negotiation to the domain, step by step; a single FAILED RESULT step when not
   * active.
   */
  CompletionStage<List<TestStep>> test(String domain);
}
