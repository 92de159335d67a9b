package coop.local;

import coop.testing.Tokens;
import coop.e2e.LiveStreamProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every {@code bash} block of the README's walk-through, in order, against the local server with the stream
 * poller live (as {@code ./mvnw quarkus:dev} runs), and checks that each request answers the status its
 * {@code # expect NNN} comment promises: the walk-through works as written.
 */
@QuarkusTest
@TestProfile(LiveStreamProfile.class)
class WalkthroughTest {

    private static final Pattern BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern EXPECT = Pattern.compile("^# expect (\\d{3})$", Pattern.MULTILINE);
    private static final Pattern STATUS = Pattern.compile("^(\\d{3})$", Pattern.MULTILINE);

    @Inject
    LocalApiServer server;

    @Test
    void walkthrough_commands_answer_the_statuses_the_document_promises() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Walk-through");
        assertThat(start).as("the README has a walk-through").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String document = readme.substring(start, end < 0 ? readme.length() : end);
        StringBuilder script = new StringBuilder("set -eu\n");
        Matcher block = BLOCK.matcher(document);
        while (block.find()) {
            script.append(block.group(1)).append('\n');
        }
        List<String> expected = all(EXPECT, script);
        assertThat(expected).hasSizeGreaterThan(10);

        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script.toString()).redirectErrorStream(true);
        builder.environment().put("BASE", "http://127.0.0.1:" + server.port());
        // The tables are shared by every test of the run: a tenant of its own keeps the story's ids free.
        builder.environment().put("TENANT", Tokens.newTenant());
        Process bash = builder.start();
        String output;
        try (var in = bash.getInputStream()) {
            output = new String(in.readAllBytes());
        }
        assertThat(bash.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(bash.exitValue()).as(output).isZero();
        assertThat(all(STATUS, output)).as(output).isEqualTo(expected);
    }

    private static List<String> all(Pattern pattern, CharSequence text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
