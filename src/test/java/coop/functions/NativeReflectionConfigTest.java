package coop.functions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's generator of the native image's reflection metadata (src/build/java/NativeReflectionConfig.java), run as
 * the pom runs it on classes compiled here: a record the code has just gained, and a record a {@code @Funq} method
 * returns, are registered with no list edited anywhere; a stale name among the never-JSON types stops the build.
 */
class NativeReflectionConfigTest {

    private static final Path GENERATOR = Path.of("src/build/java/NativeReflectionConfig.java");

    @Test
    void a_new_record_and_what_a_funq_method_returns_are_registered_without_any_edit(@TempDir Path work)
            throws Exception {
        Path classes = compile(work, """
                package coop.fresh;
                public record NewPayload(String name, Nested nested) {
                    public record Nested(int count) {}
                }""", """
                package coop.fresh;
                public class FreshFunction {
                    public static class Answer { public java.util.List<Item> items; }
                    public static class Item { public String id; }
                    @io.quarkus.funqy.Funq
                    public Answer fresh(NewPayload payload) { return null; }
                }""", """
                package coop.fresh;
                public record Internal(String key) {}""");
        Path notJson = Files.writeString(work.resolve("not-json.properties"), "coop.fresh.Internal=a key\n");
        Path output = work.resolve("reflect-config.json");

        Result result = generate(classes, notJson, output);

        assertThat(result.exitCode()).as(result.output()).isZero();
        String config = Files.readString(output);
        assertThat(config).contains("\"coop.fresh.NewPayload\"", "\"coop.fresh.NewPayload$Nested\"",
                "\"coop.fresh.FreshFunction$Answer\"", "\"coop.fresh.FreshFunction$Item\"")
                .doesNotContain("coop.fresh.Internal", "\"coop.fresh.FreshFunction\"");
    }

    @Test
    void a_never_json_name_that_no_longer_exists_stops_the_build(@TempDir Path work) throws Exception {
        Path classes = compile(work, """
                package coop.fresh;
                public record NewPayload(String name) {}""");
        Path notJson = Files.writeString(work.resolve("not-json.properties"), "coop.fresh.Gone=renamed long ago\n");

        Result result = generate(classes, notJson, work.resolve("reflect-config.json"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("coop.fresh.Gone");
        assertThat(work.resolve("reflect-config.json")).doesNotExist();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result generate(Path classes, Path notJson, Path output) throws IOException, InterruptedException {
        String classpath = classes + java.io.File.pathSeparator + System.getProperty("java.class.path");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, GENERATOR.toString(), classes.toString(), notJson.toString(), output.toString())
                .redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), text);
    }

    private static Path compile(Path work, String... sources) throws IOException {
        Path sourceDir = Files.createDirectories(work.resolve("src/coop/fresh"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> arguments = new java.util.ArrayList<>(List.of("-d", classes.toString(),
                "-cp", System.getProperty("java.class.path")));
        for (String source : sources) {
            String name = source.replaceAll("(?s).*?public (?:record|class) (\\w+).*", "$1");
            Path file = sourceDir.resolve(name + ".java");
            Files.writeString(file, source);
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).as("fixture compiles").isZero();
        return classes;
    }
}
