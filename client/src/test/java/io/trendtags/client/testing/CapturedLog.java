package io.trendtags.client.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log line of the client while a test runs, as formatted messages. */
public final class CapturedLog implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public CapturedLog() {
    appender.start();
    root.addAppender(appender);
  }

  public List<String> lines() {
    synchronized (appender.list) {
      return appender.list.stream()
          .map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()
              + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()))
          .toList();
    }
  }

  @Override
  public void close() {
    root.detachAppender(appender);
  }
}
