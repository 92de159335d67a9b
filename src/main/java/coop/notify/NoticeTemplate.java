package coop.notify;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One notice's wording, with {@code {{name}}} placeholders for the values of the notice ({@code coop}, {@code family},
 * {@code amount}, {@code date}, {@code balance}). The HTML body gets the values HTML-escaped: a family name is text a
 * coordinator typed, never markup.
 */
public record NoticeTemplate(String subject, String text, String html) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    public NoticeMessage render(Map<String, String> values) {
        return new NoticeMessage(fill(subject, values, false), fill(text, values, false), fill(html, values, true));
    }

    private static String fill(String template, Map<String, String> values, boolean escape) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.getOrDefault(matcher.group(1), "");
            matcher.appendReplacement(out, Matcher.quoteReplacement(escape ? escapeHtml(value) : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String escapeHtml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
