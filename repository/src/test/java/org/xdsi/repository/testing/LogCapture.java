package org.xdsi.repository.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What the server logs while a test runs (every logger, through the root logger). */
public final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture() {
    }

    public static LogCapture start() {
        LogCapture c = new LogCapture();
        c.appender.start();
        c.root.addAppender(c.appender);
        return c;
    }

    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }

    /** Waits until an event's message contains {@code text}; false after {@code millis}. */
    public boolean await(String text, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (events().stream().anyMatch(e -> e.getFormattedMessage().contains(text))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** WARN and ERROR events that carry a stack trace. */
    public List<String> warningsWithStackTraces() {
        return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN) && e.getThrowableProxy() != null)
                .map(e -> e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage() + ": "
                        + e.getThrowableProxy().getClassName() + ": " + e.getThrowableProxy().getMessage())
                .toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
