package io.fedgate.appliance.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** Adds the node's log file (rolled daily, 14 days kept) and sets the fedgate log level. */
final class LogFiles {
  private LogFiles() {}

  static Path attach(Path logsDir, String level) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Path file = logsDir.resolve("fedgate.log");

    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(
        "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{30} {%X} - %msg%n");
    encoder.start();

    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setName("FILE");
    appender.setFile(file.toString());
    TimeBasedRollingPolicy<ILoggingEvent> policy = new TimeBasedRollingPolicy<>();
    policy.setContext(context);
    policy.setParent(appender);
    policy.setFileNamePattern(logsDir.resolve("fedgate.%d{yyyy-MM-dd}.log").toString());
    policy.setMaxHistory(14);
    policy.start();
    appender.setRollingPolicy(policy);
    appender.setEncoder(encoder);
    appender.start();

    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    context.getLogger("io.fedgate").setLevel(Level.toLevel(level, Level.INFO));
    return file;
  }
}
