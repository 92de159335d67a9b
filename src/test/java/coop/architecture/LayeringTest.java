package coop.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data flows one way: a package of {@code src/main} may use its own classes and those of the layers below it, never
 * one above. Read from the compiled classes (every class a class file names, fully qualified names and lambdas
 * included), so an import, an inline {@code coop.x.Y} and a method signature all count.
 */
class LayeringTest {

    /**
     * Top to bottom. The entry points and their wiring on top (local runs, CDI configuration, Lambda functions and
     * their HTTP adapter), then the services behind them, the stream side above the read side it writes, the
     * application services, the DynamoDB adapter and the key service it uses, the store's contract, the domain.
     */
    static final List<String> LAYERS = List.of(
            "coop.local",
            "coop.config",
            "coop.functions",
            "coop.functions.http",
            "coop.schedule",
            "coop.admin",
            "coop.feed",
            "coop.observability",
            "coop.ledger",
            "coop.stream",
            "coop.readmodel",
            "coop.notify",
            "coop.app",
            "coop.store.dynamodb",
            "coop.store.s3",
            "coop.keys",
            "coop.store",
            "coop.domain.family",
            "coop.domain");

    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void no_package_uses_a_package_above_it() throws IOException {
        Set<String> violations = new TreeSet<>();
        for (Path file : classFiles()) {
            String user = className(file);
            int userLayer = layerOf(user).orElseThrow(() -> new AssertionError(user + " is in no layer: add its "
                    + "package to LAYERS, where it belongs"));
            for (String used : ClassFileNames.referencedClasses(Files.readAllBytes(file))) {
                layerOf(used).filter(usedLayer -> usedLayer < userLayer)
                        .ifPresent(usedLayer -> violations.add(user + " -> " + used));
            }
        }
        assertThat(violations).as("classes that use a layer above their own").isEmpty();
    }

    @Test
    void the_check_sees_a_use_of_a_layer_above() throws IOException {
        // The reader must find what it is meant to forbid, or the test above passes on nothing.
        Path stream = CLASSES.resolve("coop/stream/StreamDispatcher.class");
        Path readModel = CLASSES.resolve("coop/readmodel/ReadModelQueries.class");
        assertThat(ClassFileNames.referencedClasses(Files.readAllBytes(readModel)))
                .contains("coop.readmodel.SubscriberRegistry", "coop.store.CheckpointStore");
        assertThat(ClassFileNames.referencedClasses(Files.readAllBytes(stream)))
                .contains("coop.readmodel.SubscriberRegistry", "coop.store.CheckpointStore");
        assertThat(layerOf("coop.readmodel.ReadModelQueries").orElseThrow())
                .isGreaterThan(layerOf("coop.stream.StreamDispatcher").orElseThrow());
        assertThat(classFiles()).hasSizeGreaterThan(100);
    }

    /** The index in {@link #LAYERS} of the most specific layer holding the class; empty for classes not ours. */
    static Optional<Integer> layerOf(String className) {
        String pkg = className.substring(0, Math.max(0, className.lastIndexOf('.')));
        int best = -1;
        for (int i = 0; i < LAYERS.size(); i++) {
            String layer = LAYERS.get(i);
            if ((pkg.equals(layer) || pkg.startsWith(layer + "."))
                    && (best < 0 || layer.length() > LAYERS.get(best).length())) {
                best = i;
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(best);
    }

    private static List<Path> classFiles() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES.resolve("coop"))) {
            return new ArrayList<>(files.filter(file -> file.toString().endsWith(".class")).toList());
        }
    }

    private static String className(Path file) {
        String relative = CLASSES.relativize(file).toString().replace('\\', '/');
        String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }
}
