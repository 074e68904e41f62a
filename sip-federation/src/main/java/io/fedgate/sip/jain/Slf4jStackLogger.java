package io.fedgate.sip.jain;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's stack log routed to SLF4J (logger {@code gov.nist.javax.sip}). JAIN-SIP's own levels
 * map to SLF4J levels; its "trace" and "debug" are both DEBUG/TRACE, so nothing of the stack is
 * logged above DEBUG except warnings and errors. Named by class in the stack properties.
 *
 * <p>JAIN-SIP's warnings and errors often carry the message they are about (a rejected request's
 * start line and headers, e.g. "Bad CSeq method" with the whole request in the exception): no
 * message content is logged above DEBUG, so those are logged at WARN as one summary line (the first
 * line of the stack's text, cut short, with SIP URIs and addresses redacted, and the exception's
 * class) and with their full text and stack trace at DEBUG only.
 */
public final class Slf4jStackLogger implements StackLogger {
  private static final Logger LOG = LoggerFactory.getLogger("gov.nist.javax.sip");
  private static final int SUMMARY_LENGTH = 100;
  private static final java.util.regex.Pattern ADDRESS =
      java.util.regex.Pattern.compile(
          "\\S*(?:@|(?i:sips?:|tel:|call-id|cseq|from:|to:|via:|contact:))\\S*");

  /** One line without message content: what JAIN-SIP said, cut short, addresses redacted. */
  static String summary(String message, Throwable ex) {
    String text = message == null ? "" : message.strip();
    int end = text.indexOf('\n');
    text = end < 0 ? text : text.substring(0, end).strip();
    if (text.length() > SUMMARY_LENGTH) {
      text = text.substring(0, SUMMARY_LENGTH) + "...";
    }
    text = ADDRESS.matcher(text).replaceAll("[redacted]");
    return ex == null ? text : text + " (" + ex.getClass().getSimpleName() + ")";
  }

  /** At WARN the summary; the whole text and stack trace at DEBUG. */
  private static void warn(String message, Throwable ex) {
    LOG.warn("JAIN-SIP: {}", summary(message, ex));
    if (LOG.isDebugEnabled()) {
      LOG.debug(message, ex);
    }
  }

  @Override
  public void logStackTrace() {
    if (LOG.isTraceEnabled()) {
      LOG.trace("stack trace", new Throwable("stack trace"));
    }
  }

  @Override
  public void logStackTrace(int traceLevel) {
    logStackTrace();
  }

  @Override
  public int getLineCount() {
    return 0;
  }

  @Override
  public void logException(Throwable ex) {
    warn("exception " + ex.getClass().getName(), ex);
  }

  @Override
  public void logDebug(String message) {
    LOG.debug(message);
  }

  @Override
  public void logDebug(String message, Exception ex) {
    LOG.debug(message, ex);
  }

  @Override
  public void logTrace(String message) {
    LOG.trace(message);
  }

  @Override
  public void logFatalError(String message) {
    warn(message, null);
  }

  @Override
  public void logError(String message) {
    warn(message, null);
  }

  @Override
  public boolean isLoggingEnabled() {
    return LOG.isInfoEnabled();
  }

  @Override
  public boolean isLoggingEnabled(int logLevel) {
    if (logLevel >= TRACE_TRACE) {
      return LOG.isTraceEnabled();
    }
    if (logLevel >= TRACE_DEBUG) {
      return LOG.isDebugEnabled();
    }
    if (logLevel >= TRACE_INFO) {
      return LOG.isInfoEnabled();
    }
    if (logLevel >= TRACE_WARN) {
      return LOG.isWarnEnabled();
    }
    return LOG.isErrorEnabled();
  }

  @Override
  public void logError(String message, Exception ex) {
    warn(message, ex);
  }

  @Override
  public void logWarning(String message) {
    warn(message, null);
  }

  @Override
  public void logInfo(String message) {
    // JAIN-SIP's "info" is chatty start-up detail
    LOG.debug(message);
  }

  @Override
  public void disableLogging() {
    // levels are SLF4J's business
  }

  @Override
  public void enableLogging() {
    // levels are SLF4J's business
  }

  @Override
  public void setBuildTimeStamp(String buildTimeStamp) {
    LOG.debug("JAIN-SIP build {}", buildTimeStamp);
  }

  @Override
  public void setStackProperties(Properties stackProperties) {
    // nothing to read
  }

  @Override
  public String getLoggerName() {
    return LOG.getName();
  }
}
