package coop.nativeimage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON lines a native function wrote (logs and EMF documents); a line may follow its answer by a moment. */
final class Lines {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private Lines() {
    }

    /** The JSON lines matching {@code wanted}, waiting a little for the first; fails naming the output if none comes. */
    static List<JsonNode> awaitJson(NativeFunction function, Predicate<JsonNode> wanted) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            List<JsonNode> matching = json(function).stream().filter(wanted).toList();
            if (!matching.isEmpty() || Instant.now().isAfter(deadline)) {
                assertThat(matching).as("no such line in the output:%n%s", function.output()).isNotEmpty();
                return matching;
            }
            Thread.sleep(50);
        }
    }

    /** Every line that is a JSON object; in AWS every line is one (quarkus-logging-json and EMF). */
    static List<JsonNode> json(NativeFunction function) {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : function.lines()) {
            if (line.startsWith("{")) {
                try {
                    documents.add(JSON.readTree(line));
                } catch (JsonProcessingException e) {
                    throw new AssertionError("a line that is not JSON: " + line, e);
                }
            }
        }
        return documents;
    }
}
