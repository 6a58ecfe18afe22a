package dev.harbormaster.slack;

import org.jboss.logmanager.ExtLogRecord;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** What the bot logs under one category while a test runs, read through a handler on JBoss LogManager's logger. */
final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog(Class<?> category) {
        logger = Logger.getLogger(category.getName());
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    static CapturedLog of(Class<?> category) {
        return new CapturedLog(category);
    }

    /** The WARN (and worse) lines so far, formatted as they are written. */
    List<String> warnings() {
        SimpleFormatter formatter = new SimpleFormatter();
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(r -> r instanceof ExtLogRecord ext ? ext.getFormattedMessage() : formatter.formatMessage(r))
                .toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
