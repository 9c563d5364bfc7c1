package org.iggyj.kernel.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records what one logger writes at WARN and above, for tests that check an operator-facing line. */
final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(Class<?> source) {
        this.logger = (Logger) LoggerFactory.getLogger(source);
        appender.start();
        logger.addAppender(appender);
    }

    static LogCapture of(Class<?> source) {
        return new LogCapture(source);
    }

    /** @return whether a WARN or ERROR line containing {@code text} was logged */
    boolean warned(String text) {
        List<ILoggingEvent> events = List.copyOf(appender.list);
        return events.stream().anyMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN)
            && e.getFormattedMessage().contains(text));
    }

    /** @return every line captured, for failure messages */
    String lines() {
        return String.join("\n", List.copyOf(appender.list).stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
