package coop.functions.http;

import coop.store.StreamId;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads query parameters and collects every problem, so one 400 answer names all of them: call the readers, then
 * {@link #validate()}.
 */
public final class QueryParameters {

    /** Instants outside these years are typos, and would not sort as the store's fixed-width timestamps do. */
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final ApiRequest request;
    private final List<Problem> problems = new ArrayList<>();

    QueryParameters(ApiRequest request) {
        this.request = request;
    }

    /** An integer in {@code [min, max]}, or {@code fallback} when absent. */
    public long integer(String name, long min, long max, long fallback) {
        Optional<String> text = request.query(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.get().trim());
            if (value < min || value > max) {
                problems.add(new Problem(name, "must be between " + min + " and " + max));
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(new Problem(name, "must be an integer"));
            return fallback;
        }
    }

    public Optional<Long> optionalInteger(String name, long min, long max) {
        return request.query(name).isEmpty() ? Optional.empty() : Optional.of(integer(name, min, max, min));
    }

    /** An ISO-8601 instant, e.g. {@code 2024-10-20T00:00:00Z} (an offset such as {@code +02:00} is fine too). */
    public Optional<Instant> instant(String name) {
        Optional<String> text = request.query(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Instant value;
        try {
            value = OffsetDateTime.parse(text.get().trim()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new Problem(name, "must be an ISO-8601 instant such as 2024-10-20T00:00:00Z"));
            return Optional.empty();
        }
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            problems.add(new Problem(name, "must be between 1970 and 9999"));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** A valid id ({@link StreamId#isValidId}). */
    public Optional<String> id(String name) {
        Optional<String> text = request.query(name);
        if (text.isPresent() && !StreamId.isValidId(text.get())) {
            problems.add(new Problem(name, "must be 1-200 characters of letters, digits and _ . : @ -"));
            return Optional.empty();
        }
        return text;
    }

    /** An opaque page token from an earlier answer. */
    public Optional<String> pageToken() {
        Optional<String> text = request.query("page_token");
        if (text.isPresent() && (text.get().isEmpty() || text.get().length() > 4096)) {
            problems.add(new Problem("page_token", "is not a token this query handed out"));
            return Optional.empty();
        }
        return text;
    }

    public void problem(String field, String problem) {
        problems.add(new Problem(field, problem));
    }

    /** @throws ApiError 400 listing every problem found so far */
    public void validate() {
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
    }
}
