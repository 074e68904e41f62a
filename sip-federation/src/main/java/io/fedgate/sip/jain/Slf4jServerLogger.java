package io.fedgate.sip.jain;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's message log routed to SLF4J (logger {@code io.fedgate.sip.wire}) at TRACE only:
 * messages carry IM bodies, which are never logged above DEBUG.
 */
public final class Slf4jServerLogger implements ServerLogger {
  private static final Logger WIRE = LoggerFactory.getLogger("io.fedgate.sip.wire");

  @Override
  public void closeLogFile() {
    // nothing open
  }

  @Override
  public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
    log(message, from, to, sender);
  }

  @Override
  public void logMessage(
      SIPMessage message, String from, String to, String status, boolean sender, long time) {
    log(message, from, to, sender);
  }

  @Override
  public void logMessage(
      SIPMessage message, String from, String to, String status, boolean sender) {
    log(message, from, to, sender);
  }

  private static void log(SIPMessage message, String from, String to, boolean sender) {
    if (WIRE.isTraceEnabled()) {
      WIRE.trace("{} {} -> {}\n{}", sender ? "sent" : "received", from, to, message.encode());
    }
  }

  @Override
  public void logException(Exception ex) {
    WIRE.debug("JAIN-SIP message log exception", ex);
  }

  @Override
  public void setStackProperties(Properties stackProperties) {
    // nothing to read
  }

  @Override
  public void setSipStack(SipStack sipStack) {
    // nothing to keep
  }
}
