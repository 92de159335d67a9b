package coop.infra;

import coop.functions.AppendEventsFunction;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's classes never name a dev-only class: src/dev is compiled with them (one module, so the compiler
 * allows it), but its output leaves before the Lambda build (docs/dev-code.md), where such a reference would fail
 * only when the Lambda first reaches it.
 */
class DevCodeBoundaryTest {

    /** How a class file names another class in its constant pool: with slashes, so config keys do not match. */
    private static final String DEV_PACKAGE = "coop/local/";

    @Test
    void no_application_class_refers_to_dev_only_code() throws IOException, URISyntaxException {
        Path classes = Path.of(AppendEventsFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> application;
        try (Stream<Path> files = Files.walk(classes)) {
            application = files.filter(file -> file.toString().endsWith(".class"))
                    .filter(file -> !classes.relativize(file).toString().startsWith(DEV_PACKAGE))
                    .toList();
        }
        List<Path> referring = application.stream().filter(DevCodeBoundaryTest::refersToDevCode).toList();

        assertThat(application).as("application classes in %s", classes).hasSizeGreaterThan(100);
        assertThat(referring).as("application classes that name a coop.local class").isEmpty();
    }

    private static boolean refersToDevCode(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(DEV_PACKAGE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
