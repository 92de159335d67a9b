package coop.openapi;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event payload schemas of openapi.yaml are what the event catalog generates ({@link CatalogSchemas}). Run with
 * {@code -Dopenapi.write=true} to rewrite them after changing the catalog; without it, any difference fails.
 */
class OpenApiPayloadsTest {

    static final Path DOCUMENT = Path.of("src/main/resources/openapi.yaml");
    private static final String BEGIN = "    # >>> generated from the event catalog";
    private static final String END = "    # <<< generated";

    @Test
    void payload_schemas_are_the_ones_the_event_catalog_generates() throws IOException {
        String document = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        int begin = document.indexOf('\n', document.indexOf(BEGIN)) + 1;
        int end = document.indexOf(END);
        assertThat(document.indexOf(BEGIN)).as("the begin marker in " + DOCUMENT).isPositive();
        assertThat(end).as("the end marker in " + DOCUMENT).isGreaterThan(begin - 1);
        String generated = render(CatalogSchemas.generate());
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(DOCUMENT, document.substring(0, begin) + generated + document.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(document.substring(begin, end))
                .as("openapi.yaml's payload schemas differ from the event catalog's: run this test with "
                        + "-Dopenapi.write=true to regenerate them")
                .isEqualTo(generated);
    }

    /** YAML indented to sit under components.schemas. */
    private static String render(Map<String, Object> schemas) throws IOException {
        YAMLMapper yaml = new YAMLMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .build());
        StringBuilder indented = new StringBuilder();
        yaml.writeValueAsString(schemas).lines().forEach(line -> indented.append("    ").append(line).append('\n'));
        return indented.toString();
    }
}
