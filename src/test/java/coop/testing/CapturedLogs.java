package coop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.Json;
import org.jboss.logmanager.ExtLogRecord;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the named log categories write, MDC included, for as long as it is open. */
public final class CapturedLogs extends Handler implements AutoCloseable {

    /** One captured line: its category, level, text and the MDC it was written with. */
    public record Line(String category, Level level, String message, Map<String, String> mdc) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final List<Logger> loggers;
    private final List<Level> previousLevels;

    public CapturedLogs(String... categories) {
        loggers = java.util.Arrays.stream(categories).map(Logger::getLogger).toList();
        previousLevels = loggers.stream().map(Logger::getLevel).toList();
        for (Logger logger : loggers) {
            logger.setLevel(Level.FINE); // DEBUG, where the local metrics lines go
            logger.addHandler(this);
        }
    }

    @Override
    public void publish(LogRecord record) {
        Map<String, String> mdc = record instanceof ExtLogRecord ext ? Map.copyOf(ext.getMdcCopy()) : Map.of();
        lines.add(new Line(record.getLoggerName(), record.getLevel(), record.getMessage(), mdc));
    }

    public List<Line> lines(String category) {
        return lines.stream().filter(line -> line.category().equals(category)).toList();
    }

    /** The EMF documents written to {@code coop.metrics}, parsed. */
    public List<JsonNode> metricDocuments() {
        return lines("coop.metrics").stream().map(line -> {
            try {
                return Json.mapper().readTree(line.message());
            } catch (Exception e) {
                throw new AssertionError("not an EMF JSON line: " + line.message(), e);
            }
        }).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).removeHandler(this);
            loggers.get(i).setLevel(previousLevels.get(i));
        }
    }
}
