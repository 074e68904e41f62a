package io.fedgate.sip.jain;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's stack log routed to SLF4J (logger {@code gov.nist.javax.sip}). JAIN-SIP's own levels
 * map to SLF4J levels; its "trace" and "debug" are both DEBUG/TRACE, so nothing of the stack is
 * logged above DEBUG except warnings and errors. Named by class in the stack properties.
 */
public final class Slf4jStackLogger implements StackLogger {
  private static final Logger LOG = LoggerFactory.getLogger("gov.nist.javax.sip");

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
    LOG.warn("JAIN-SIP exception", ex);
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
    LOG.error(message);
  }

  @Override
  public void logError(String message) {
    LOG.error(message);
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
    LOG.error(message, ex);
  }

  @Override
  public void logWarning(String message) {
    LOG.warn(message);
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
