package io.fedgate.appliance.admin;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * The last log lines of this process, for the Logs page: a bounded ring kept by a Logback appender
 * on the root logger. Only the formatted message is kept (no stack traces: the page shows the
 * exception's class and message; the log file has the rest). Each line is attributed to a service
 * by its logger name.
 */
final class RecentLogs extends AppenderBase<ILoggingEvent> {
  static final int CAPACITY = 2000;

  /** One log line as the page shows it. */
  record Line(Instant at, String level, String service, String logger, String message) {}

  private final Deque<Line> lines = new ArrayDeque<>();

  static RecentLogs attach() {
    RecentLogs logs = new RecentLogs();
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      logs.setContext(context);
      logs.setName("fedgate-recent-" + System.identityHashCode(logs));
      logs.start();
      context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logs);
    }
    return logs;
  }

  void detach() {
    if (getContext() instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
    }
    stop();
  }

  @Override
  protected void append(ILoggingEvent event) {
    String message = event.getFormattedMessage();
    if (event.getThrowableProxy() != null) {
      message +=
          " ("
              + event.getThrowableProxy().getClassName()
              + ": "
              + event.getThrowableProxy().getMessage()
              + ")";
    }
    Line line =
        new Line(
            Instant.ofEpochMilli(event.getTimeStamp()),
            event.getLevel().toString(),
            service(event.getLoggerName()),
            event.getLoggerName(),
            message);
    synchronized (lines) {
      lines.addLast(line);
      while (lines.size() > CAPACITY) {
        lines.removeFirst();
      }
    }
  }

  /** The newest lines first, of one service (or all), at or above a level, containing text. */
  List<Line> recent(String service, String minLevel, String contains, int limit) {
    List<Line> copy;
    synchronized (lines) {
      copy = new ArrayList<>(lines);
    }
    int threshold = rank(minLevel);
    String needle = contains == null ? "" : contains.toLowerCase(Locale.ROOT);
    List<Line> result = new ArrayList<>();
    for (int i = copy.size() - 1; i >= 0 && result.size() < limit; i--) {
      Line line = copy.get(i);
      if ((service == null || service.isBlank() || line.service().equals(service))
          && rank(line.level()) >= threshold
          && (needle.isEmpty() || line.message().toLowerCase(Locale.ROOT).contains(needle))) {
        result.add(line);
      }
    }
    return result;
  }

  static List<String> services() {
    return List.of(
        "XCP Router",
        "Presence Engine",
        "XMPP Connection Manager",
        "XMPP Federation Connection Manager",
        "SIP Proxy",
        "TLS Proxy",
        "Admin Web",
        "Certificates",
        "Node");
  }

  static String service(String logger) {
    String name = logger == null ? "" : logger;
    if (name.startsWith("io.fedgate.sip") || name.startsWith("gov.nist")) {
      return "SIP Proxy";
    }
    if (name.startsWith("io.fedgate.proxy") || name.startsWith("io.fedgate.tlsproxy")) {
      return "TLS Proxy";
    }
    if (name.contains(".s2s") || name.contains("federation.xmpp") || name.contains("xmpp.s2s")) {
      return "XMPP Federation Connection Manager";
    }
    if (name.startsWith("io.fedgate.xmpp") || name.startsWith("io.fedgate.appliance.xmpp")) {
      return "XMPP Connection Manager";
    }
    if (name.startsWith("io.fedgate.appliance.presence")) {
      return "Presence Engine";
    }
    if (name.contains("route") || name.contains("router")) {
      return "XCP Router";
    }
    if (name.startsWith("io.fedgate.appliance.admin") || name.startsWith("io.javalin")) {
      return "Admin Web";
    }
    if (name.startsWith("io.fedgate.certstore") || name.startsWith("io.fedgate.appliance.certs")) {
      return "Certificates";
    }
    return "Node";
  }

  private static int rank(String level) {
    if (level == null) {
      return 0;
    }
    return switch (level.toUpperCase(Locale.ROOT)) {
      case "ERROR" -> 4;
      case "WARN" -> 3;
      case "INFO" -> 2;
      case "DEBUG" -> 1;
      default -> 0;
    };
  }
}
