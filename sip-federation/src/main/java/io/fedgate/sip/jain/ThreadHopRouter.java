package io.fedgate.sip.jain;

import java.util.Collections;
import java.util.List;
import java.util.ListIterator;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.address.Router;
import javax.sip.message.Request;

/**
 * JAIN-SIP's router, named by class in the stack properties: the next hop of an outbound request is
 * decided by fedgate's route selection (static routes, SRV) before the request is handed to the
 * stack, and set for the calling thread around the hand-over ({@link #with}). JAIN-SIP asks the
 * router synchronously, so the thread-local is always set when it asks; without one the request is
 * refused rather than resolved through the system resolver.
 */
public final class ThreadHopRouter implements Router {
  private static final ThreadLocal<Hop> HOP = new ThreadLocal<>();

  public ThreadHopRouter(SipStack stack, String outboundProxy) {
    // configuration comes from the thread-local
  }

  /** Runs the action with the hop as the next hop of any request the stack routes. */
  static <T> T with(Hop hop, SipAction<T> action) throws SipException {
    HOP.set(hop);
    try {
      return action.run();
    } finally {
      HOP.remove();
    }
  }

  @Override
  public Hop getNextHop(Request request) throws SipException {
    Hop hop = HOP.get();
    if (hop == null) {
      throw new SipException("no next hop chosen for " + request.getMethod());
    }
    return hop;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public ListIterator getNextHops(Request request) {
    Hop hop = HOP.get();
    return (hop == null ? List.<Hop>of() : Collections.singletonList(hop)).listIterator();
  }

  @Override
  public Hop getOutboundProxy() {
    return null;
  }

  /** A stack call that may fail. */
  @FunctionalInterface
  interface SipAction<T> {
    T run() throws SipException;
  }
}
