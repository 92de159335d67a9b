package coop.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One payload field and what its value must look like: for text, {@code min}/{@code max} bound its length; for
 * integers, its value. Values arrive as parsed JSON: strings, numbers
 * ({@link Integer}, {@link Long}, {@link BigInteger}, {@link BigDecimal} or {@link Double}), booleans, lists, maps.
 *
 * <p>Whether a field is personal data is declared here, where the field is: personal values are stored only
 * encrypted under their aggregate's key, and are gone for good once that key is erased. A text field starts
 * {@link Privacy#UNCLASSIFIED} (text may name anyone, so someone has to decide); dates, amounts and integers start
 * {@link Privacy#NOT_PERSONAL} and are marked {@link #personal()} where they describe a person (a child's age).
 */
public record Field(String name, Kind kind, boolean required, long min, long max, Privacy privacy) {

    /** Longest text any field accepts (a free-text reason); each text field names its own limit up to this. */
    public static final int MAX_TEXT_LENGTH = 2_000;

    /**
     * The plausible range of any date: nothing in a co-op's records happened before 1900 or is planned beyond about a
     * century ahead. Fixed rather than relative to today, so that a payload valid once stays valid on any day (a
     * retry, a what-if or a dry run of the same events gets the same answer tomorrow).
     */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST_DATE = LocalDate.of(2125, 12, 31);

    /** Longest email address SMTP carries (RFC 5321: a 254-character forward path without its brackets). */
    public static final int MAX_EMAIL_LENGTH = 254;

    /** What an email address must look like, whole (the OpenAPI description publishes it too). */
    public static final String EMAIL_PATTERN = "[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+";

    private static final Pattern EMAIL = Pattern.compile(EMAIL_PATTERN);

    /** Largest amount accepted, far above any co-op fee, so a typo of a few digits is caught. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000");

    public enum Kind { TEXT, DATE, AMOUNT, INTEGER, EMAIL }

    /** Whether a value says something about a person (GDPR's personal data), or nobody has said yet. */
    public enum Privacy { UNCLASSIFIED, PERSONAL, NOT_PERSONAL }

    /** A non-blank text of at most {@code maxLength} characters (UTF-16 units, as Java and JSON count them). */
    public static Field text(String name, int maxLength) {
        if (maxLength < 1 || maxLength > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException(name + ": a text field takes 1 to " + MAX_TEXT_LENGTH + " characters");
        }
        return new Field(name, Kind.TEXT, true, 1, maxLength, Privacy.UNCLASSIFIED);
    }

    /**
     * An email address: one {@code @} between a local part and a domain with a dot, no spaces, at most
     * {@value #MAX_EMAIL_LENGTH} characters (RFC 5321's limit). Deliberately loose: only a delivery proves an address.
     */
    public static Field email(String name) {
        return new Field(name, Kind.EMAIL, true, 3, MAX_EMAIL_LENGTH, Privacy.UNCLASSIFIED);
    }

    public static Field date(String name) {
        return new Field(name, Kind.DATE, true, 0, 0, Privacy.NOT_PERSONAL);
    }

    public static Field amount(String name) {
        return new Field(name, Kind.AMOUNT, true, 0, 0, Privacy.NOT_PERSONAL);
    }

    public static Field integer(String name, long min, long max) {
        return new Field(name, Kind.INTEGER, true, min, max, Privacy.NOT_PERSONAL);
    }

    /** The same field, but it may be left out (or sent as JSON null). */
    public Field optional() {
        return new Field(name, kind, false, min, max, privacy);
    }

    /** The same field, declared personal data: stored only encrypted, erased with its aggregate's key. */
    public Field personal() {
        return new Field(name, kind, required, min, max, Privacy.PERSONAL);
    }

    /** The same field, declared not personal (ids, types, statuses): stored and served in clear, kept forever. */
    public Field notPersonal() {
        return new Field(name, kind, required, min, max, Privacy.NOT_PERSONAL);
    }

    public boolean isPersonal() {
        return privacy == Privacy.PERSONAL;
    }

    /** What is wrong with a present value, if anything. */
    Optional<String> problem(Object value) {
        return switch (kind) {
            case TEXT -> textProblem(value, max);
            case DATE -> dateProblem(value);
            case AMOUNT -> amountProblem(value);
            case INTEGER -> integerProblem(value);
            case EMAIL -> textProblem(value, max).or(() -> EMAIL.matcher((String) value).matches()
                    ? Optional.empty() : Optional.of("must be an email address (name@example.org)"));
        };
    }

    private static Optional<String> textProblem(Object value, long maxLength) {
        if (!(value instanceof String text)) {
            return Optional.of("must be a string");
        }
        if (text.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (text.length() > maxLength) {
            return Optional.of("must be at most " + maxLength + " characters");
        }
        return Optional.empty();
    }

    private static Optional<String> dateProblem(Object value) {
        if (!(value instanceof String text) || !text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return Optional.of("must be an ISO date (YYYY-MM-DD)");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return Optional.of("is not a calendar date");
        }
        if (date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE)) {
            return Optional.of("must be between " + EARLIEST_DATE + " and " + LATEST_DATE);
        }
        return Optional.empty();
    }

    private static Optional<String> amountProblem(Object value) {
        Optional<BigDecimal> number = decimal(value);
        if (number.isEmpty()) {
            return Optional.of("must be a number");
        }
        if (number.get().signum() <= 0) {
            return Optional.of("must be greater than 0");
        }
        if (number.get().compareTo(MAX_AMOUNT) > 0) {
            return Optional.of("must be at most " + MAX_AMOUNT.toPlainString());
        }
        if (number.get().stripTrailingZeros().scale() > 2) {
            return Optional.of("must have at most 2 decimal places");
        }
        return Optional.empty();
    }

    private Optional<String> integerProblem(Object value) {
        Optional<BigDecimal> number = decimal(value);
        if (number.isEmpty() || number.get().stripTrailingZeros().scale() > 0 || value instanceof Double) {
            return Optional.of("must be an integer");
        }
        BigDecimal n = number.get();
        if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            return Optional.of("must be between " + min + " and " + max);
        }
        return Optional.empty();
    }

    private static Optional<BigDecimal> decimal(Object value) {
        return switch (value) {
            case Integer i -> Optional.of(BigDecimal.valueOf(i));
            case Long l -> Optional.of(BigDecimal.valueOf(l));
            case BigInteger b -> Optional.of(new BigDecimal(b));
            case BigDecimal d -> Optional.of(d);
            case Double d when Double.isFinite(d) -> Optional.of(BigDecimal.valueOf(d));
            default -> Optional.empty();
        };
    }
}
